using SkillMix.Training.Chat;
using SkillMix.Training.Text;
using SkillMix.Training.Training;

namespace SkillMix.Training.Tests;

public sealed class ConfigTests
{
    [Fact]
    public void A_config_file_states_only_what_differs_from_the_defaults()
    {
        var path = Path.Combine(Tiny.TempFolder(), "train.json");
        File.WriteAllText(path, """{ "steps": 50, "model": { "layers": 2 }, "template": "full" }""");
        var config = TrainingConfig.Load(path);
        Assert.Equal(50, config.Steps);
        Assert.Equal(2, config.Model.Layers);
        Assert.Equal(ChatTemplateKind.Full, config.Template);
        Assert.Equal(new TrainingConfig().LearningRate, config.LearningRate);
        Assert.Equal(128, config.Model.Embedding);
    }

    [Fact]
    public void An_unknown_setting_is_an_error_naming_the_file_line_and_member()
    {
        var path = Path.Combine(Tiny.TempFolder(), "train.json");
        File.WriteAllText(path, "{\n  \"steps\": 50,\n  \"learningRat\": 0.1\n}");
        var e = Assert.Throws<InvalidDataException>(() => TrainingConfig.Load(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("line 3", e.Message);
        Assert.Contains("learningRat", e.Message);
    }

    [Fact]
    public void Sampling_defaults_are_the_papers_for_open_models()
    {
        var options = new StudentChatOptions();
        Assert.Equal(0.7, options.Temperature);
        Assert.Equal(512, options.MaxOutputTokens);
    }
}
