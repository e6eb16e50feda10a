using System.Text.Json.Nodes;
using SkillMix.Training.Checkpoints;
using SkillMix.Training.Training.Lora;
using static TorchSharp.torch;

namespace SkillMix.Training.Tests.FineTuning;

public sealed class PeftAdapterTests
{
    private static readonly LoraConfig Config = new() { Rank = 4, Alpha = 8, Dropout = 0.1, TargetModules = ["q_proj", "v_proj"] };

    private static HfStyleLm Trained()
    {
        var model = new HfStyleLm();
        Lora.Inject(model, Config, seed: 5);
        using var _ = no_grad();
        foreach (var (_, p) in Lora.AdapterParameters(model))
        {
            p.add_(randn(p.shape, generator: new Generator(4)).mul_(0.2));
        }
        return model;
    }

    [Fact]
    public void The_adapter_file_has_PEFT_key_names_shapes_and_config()
    {
        using var model = Trained();
        var folder = Path.Combine(Tiny.TempFolder(), "adapter");
        PeftAdapter.Save(model, Config, folder, "meta-llama/Llama-2-13b-chat-hf");

        Assert.Equal(["adapter_config.json", "adapter_model.safetensors"], Directory.GetFiles(folder).Select(f => Path.GetFileName(f)).Order().ToArray());
        var (tensors, metadata) = SafeTensors.Read(Path.Combine(folder, "adapter_model.safetensors"));
        var expected = new[] { 0, 1 }.SelectMany(layer => new[] { "q_proj", "v_proj" }.SelectMany(m => new[]
        {
            $"base_model.model.model.layers.{layer}.self_attn.{m}.lora_A.weight",
            $"base_model.model.model.layers.{layer}.self_attn.{m}.lora_B.weight",
        })).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(expected, tensors.Keys.Order(StringComparer.Ordinal).ToArray());
        Assert.Equal([4L, 16], tensors["base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight"].Shape);
        Assert.Equal([16L, 4], tensors["base_model.model.model.layers.1.self_attn.v_proj.lora_B.weight"].Shape);
        Assert.All(tensors.Values, t => Assert.Equal("F32", t.DType));
        Assert.Equal("pt", metadata["format"]);

        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "adapter_config.json")))!.AsObject();
        Assert.Equal("LORA", json["peft_type"]!.GetValue<string>());
        Assert.Equal("CAUSAL_LM", json["task_type"]!.GetValue<string>());
        Assert.Equal(4, json["r"]!.GetValue<int>());
        Assert.Equal(8, json["lora_alpha"]!.GetValue<double>());
        Assert.Equal(0.1, json["lora_dropout"]!.GetValue<double>());
        Assert.Equal("none", json["bias"]!.GetValue<string>());
        Assert.False(json["fan_in_fan_out"]!.GetValue<bool>());
        Assert.Equal("meta-llama/Llama-2-13b-chat-hf", json["base_model_name_or_path"]!.GetValue<string>());
        Assert.Equal(["q_proj", "v_proj"], json["target_modules"]!.AsArray().Select(t => t!.GetValue<string>()).ToArray());
    }

    [Fact]
    public void An_adapter_read_back_into_a_fresh_base_model_gives_the_same_output()
    {
        using var model = Trained();
        var folder = Path.Combine(Tiny.TempFolder(), "adapter");
        PeftAdapter.Save(model, Config, folder, "base");
        model.eval();
        var x = LoraTests.Tokens();
        using var expected = model.forward(x).detach();

        using var fresh = new HfStyleLm();
        var config = PeftAdapter.Attach(fresh, folder);
        fresh.eval();
        Assert.Equal(Config.TargetModules, config.TargetModules);
        Assert.Equal(Config.Rank, config.Rank);
        Assert.True(Bitwise.Same(expected, fresh.forward(x).detach()));
    }

    [Fact]
    public void Unknown_and_missing_keys_are_named()
    {
        using var model = Trained();
        var folder = Path.Combine(Tiny.TempFolder(), "adapter");
        PeftAdapter.Save(model, Config, folder, "base");
        using var other = new HfStyleLm();
        Lora.Inject(other, Config with { TargetModules = ["q_proj", "k_proj"] }, seed: 1);
        var error = Assert.Throws<InvalidDataException>(() => PeftAdapter.Load(other, folder));
        Assert.Contains("unknown keys base_model.model.model.layers.0.self_attn.v_proj.lora_A.weight", error.Message, StringComparison.Ordinal);
        Assert.Contains("missing keys base_model.model.model.layers.0.self_attn.k_proj.lora_A.weight", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("use_dora", "true", "use_dora is true")]
    [InlineData("bias", "\"all\"", "bias is \"all\"")]
    [InlineData("target_modules", "\".*proj\"", "target_modules is not a list")]
    [InlineData("peft_type", "\"IA3\"", "peft_type is \"IA3\"")]
    public void Settings_that_are_not_implemented_are_refused_by_name(string key, string value, string expected)
    {
        using var model = Trained();
        var folder = Path.Combine(Tiny.TempFolder(), "adapter");
        PeftAdapter.Save(model, Config, folder, "base");
        var path = Path.Combine(folder, "adapter_config.json");
        var json = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        json[key] = JsonNode.Parse(value);
        File.WriteAllText(path, json.ToJsonString());
        var error = Assert.Throws<InvalidDataException>(() => PeftAdapter.ReadConfig(folder));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_failed_save_leaves_the_previous_adapter_whole()
    {
        using var model = Trained();
        var folder = Path.Combine(Tiny.TempFolder(), "adapter");
        PeftAdapter.Save(model, Config, folder, "base");
        var before = File.ReadAllBytes(Path.Combine(folder, "adapter_model.safetensors"));
        Assert.Throws<InvalidOperationException>(() => StagedFolder.Write(folder, staging =>
        {
            File.WriteAllText(Path.Combine(staging, "adapter_config.json"), "{");
            throw new InvalidOperationException("interrupted");
        }));
        Assert.Equal(before, File.ReadAllBytes(Path.Combine(folder, "adapter_model.safetensors")));
        Assert.Single(Directory.GetDirectories(Path.GetDirectoryName(folder)!));
    }
}
