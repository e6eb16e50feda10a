using SkillMix.Training.Chat;

namespace SkillMix.Training.Tests;

public sealed class ConfigTests
{
    [Fact]
    public void Sampling_defaults_are_the_papers_for_open_models()
    {
        var options = new StudentChatOptions();
        Assert.Equal(0.7, options.Temperature);
        Assert.Equal(512, options.MaxOutputTokens);
    }
}
