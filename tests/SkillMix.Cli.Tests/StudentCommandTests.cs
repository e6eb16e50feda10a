using SkillMix.Core.Checkpoints;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using SkillMix.Experiments.Spec;
using SkillMix.Training.Checkpoints;

namespace SkillMix.Cli.Tests;

public sealed class StudentCommandTests
{
    private static readonly string Stories = CliRunner.Fixture("stories260K");
    private static readonly string Tokenizer = Path.Combine(CliRunner.Fixture("sentencepiece"), "llama-bpe.model");

    private static int[] Ids(JsonElement e) => e.EnumerateArray().Select(i => i.GetInt32()).ToArray();

    [Fact]
    public async Task Generate_with_prompt_ids_prints_the_greedy_continuation_as_json()
    {
        var (exit, output, error) = await CliRunner.RunAsync("student", "generate", "--model", Stories, "--prompt-ids", "1",
            "--max-new-tokens", "256", "--temperature", "0", "--json");
        Assert.True(exit == 0, error);
        using var result = JsonDocument.Parse(output);
        using var expected = JsonDocument.Parse(File.ReadAllText(Path.Combine(Stories, "greedy-from-bos.json")));
        Assert.Equal(Ids(expected.RootElement.GetProperty("greedy_ids")), Ids(result.RootElement.GetProperty("ids")));
        Assert.Equal(JsonValueKind.Null, result.RootElement.GetProperty("text").ValueKind);
    }

    [Fact]
    public async Task Generate_with_a_text_prompt_uses_the_folders_tokenizer_and_a_seed_reproduces_a_sample()
    {
        var folder = TinyCheckpointWithTokenizer();
        string[] args = ["student", "generate", "--model", "hf:" + folder, "--prompt", "The hive", "--max-new-tokens", "12", "--temperature", "0.9", "--seed", "5", "--json"];
        var (exit, output, error) = await CliRunner.RunAsync(args);
        Assert.True(exit == 0, error);
        var again = await CliRunner.RunAsync(args);
        Assert.Equal(output, again.Output);
        using var result = JsonDocument.Parse(output);
        var ids = Ids(result.RootElement.GetProperty("ids"));
        Assert.InRange(ids.Length, 1, 12);
        Assert.Equal(JsonValueKind.String, result.RootElement.GetProperty("text").ValueKind);
    }

    [Fact]
    public async Task Tokenize_prints_sentencepieces_ids_without_bos()
    {
        using var cases = JsonDocument.Parse(File.ReadAllText(Path.Combine(CliRunner.Fixture("sentencepiece"), "llama-bpe.cases.json")));
        foreach (var c in cases.RootElement.GetProperty("encode").EnumerateArray().Take(12))
        {
            var text = c.GetProperty("text").GetString()!;
            if (text.Length == 0 || text.StartsWith('-'))
            {
                continue;
            }
            var (exit, output, error) = await CliRunner.RunAsync("student", "tokenize", "--tokenizer", Tokenizer, "--text", text, "--json");
            Assert.True(exit == 0, error);
            using var result = JsonDocument.Parse(output);
            Assert.Equal(Ids(c.GetProperty("ids")), Ids(result.RootElement.GetProperty("ids")));
        }
    }

    [Fact]
    public async Task A_missing_checkpoint_and_an_unavailable_device_are_skmx_errors()
    {
        var (exit, _, error) = await CliRunner.RunAsync("student", "generate", "--model", "hf:nobody/nothing", "--prompt-ids", "1");
        Assert.Equal(2, exit);
        Assert.Contains("error SKMX040", error, StringComparison.Ordinal);
        Assert.Contains("models--nobody--nothing", error, StringComparison.Ordinal);
        if (!TorchSharp.torch.cuda.is_available())
        {
            (exit, _, error) = await CliRunner.RunAsync("student", "generate", "--model", Stories, "--prompt-ids", "1", "--device", "cuda");
            Assert.Equal(2, exit);
            Assert.Contains("error SKMX045", error, StringComparison.Ordinal);
        }
        (exit, _, error) = await CliRunner.RunAsync("student", "generate", "--model", Stories, "--prompt", "Once");
        Assert.Equal(1, exit);
        Assert.Contains("tokenizer.model", error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_training_projects_codes_are_the_documented_error_codes()
    {
        var documented = typeof(ErrorCodes).GetFields().Select(f => (string)f.GetValue(null)!).ToHashSet();
        var raised = typeof(CheckpointException).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetValue(null)!).ToArray();
        Assert.NotEmpty(raised);
        Assert.All(raised, code => Assert.Contains(code, documented));
    }

    // A random one-layer checkpoint whose vocabulary is the fixture tokenizer's (420 pieces).
    internal static string TinyCheckpointWithTokenizer()
    {
        var folder = Path.Combine(Path.GetTempPath(), "skillmix-student-cli-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var config = new JsonObject
        {
            ["architectures"] = new JsonArray("LlamaForCausalLM"), ["model_type"] = "llama", ["hidden_size"] = 16,
            ["intermediate_size"] = 24, ["num_hidden_layers"] = 1, ["num_attention_heads"] = 2, ["num_key_value_heads"] = 1,
            ["vocab_size"] = 420, ["max_position_embeddings"] = 64, ["rms_norm_eps"] = 1e-5, ["tie_word_embeddings"] = true,
        };
        File.WriteAllText(Path.Combine(folder, "config.json"), config.ToJsonString());
        var random = new Random(4);
        SafeTensor Weight(params long[] shape) => new("F32", shape,
            Enumerable.Range(0, (int)shape.Aggregate(1L, (a, b) => a * b)).SelectMany(_ => BitConverter.GetBytes((float)(random.NextDouble() - 0.5))).ToArray());
        SafeTensors.Write(Path.Combine(folder, "model.safetensors"), new Dictionary<string, SafeTensor>
        {
            ["model.embed_tokens.weight"] = Weight(420, 16), ["model.norm.weight"] = Weight(16),
            ["model.layers.0.input_layernorm.weight"] = Weight(16), ["model.layers.0.post_attention_layernorm.weight"] = Weight(16),
            ["model.layers.0.self_attn.q_proj.weight"] = Weight(16, 16), ["model.layers.0.self_attn.k_proj.weight"] = Weight(8, 16),
            ["model.layers.0.self_attn.v_proj.weight"] = Weight(8, 16), ["model.layers.0.self_attn.o_proj.weight"] = Weight(16, 16),
            ["model.layers.0.mlp.gate_proj.weight"] = Weight(24, 16), ["model.layers.0.mlp.up_proj.weight"] = Weight(24, 16),
            ["model.layers.0.mlp.down_proj.weight"] = Weight(16, 24),
        });
        File.Copy(Tokenizer, Path.Combine(folder, "tokenizer.model"));
        return folder;
    }
}
