using System.Text.Json;

namespace SkillMix.Cli.Tests;

public sealed class StudentTrainCommandTests
{
    private static string Conversations()
    {
        var path = Path.Combine(Path.GetTempPath(), "skillmix-train-cli-" + Guid.NewGuid().ToString("N") + ".jsonl");
        string Line(string u1, string a1, string u2, string a2) => JsonSerializer.Serialize(new
        {
            messages = new[] { new { role = "user", content = u1 }, new { role = "assistant", content = a1 }, new { role = "user", content = u2 }, new { role = "assistant", content = a2 } },
        });
        File.WriteAllLines(path, [Line("Hi.", "Hello.", "Bye.", "Bye!"), Line("Sky?", "Blue.", "Sea?", "Blue too."), "", Line("One?", "Two.", "Three?", "Four.")]);
        return path;
    }

    [Fact]
    public async Task Train_with_lora_writes_an_adapter_that_generate_loads()
    {
        var model = StudentCommandTests.TinyCheckpointWithTokenizer();
        var output = Path.Combine(Path.GetTempPath(), "skillmix-train-cli-" + Guid.NewGuid().ToString("N"), "adapter");
        var (exit, stdout, error) = await CliRunner.RunAsync("student", "train", "--model", model, "--data", Conversations(), "--out", output,
            "--lora-rank", "2", "--lora-targets", "q_proj,v_proj", "--steps", "3", "--batch-size", "2", "--micro-batch", "1", "--lr", "1e-2",
            "--warmup", "1", "--max-length", "64", "--json");
        Assert.True(exit == 0, error);
        Assert.Contains("step 3/3 loss", error, StringComparison.Ordinal);
        using var report = JsonDocument.Parse(stdout);
        Assert.Equal(output, report.RootElement.GetProperty("output").GetString());
        Assert.True(File.Exists(Path.Combine(output, "adapter_config.json")));
        Assert.Equal(4, File.ReadAllLines(output + ".loss.csv").Length);

        var sampled = await CliRunner.RunAsync("student", "generate", "--model", output, "--prompt", "Hi", "--max-new-tokens", "3", "--json");
        Assert.True(sampled.ExitCode == 0, sampled.Error);
    }

    [Theory]
    [InlineData("--lora-rank", "0", "--lora-rank")]
    [InlineData("--lora-rank", "17", "--lora-rank")]
    [InlineData("--lr", "fast", "--lr")]
    [InlineData("--micro-batch", "9", "--micro-batch")]
    [InlineData("--precision", "fp8", "--precision")]
    public async Task Bad_options_are_SKMX046_naming_the_option(string option, string value, string named)
    {
        var model = StudentCommandTests.TinyCheckpointWithTokenizer();
        string[] args = ["student", "train", "--model", model, "--data", Conversations(), "--out", Path.Combine(Path.GetTempPath(), "skillmix-" + Guid.NewGuid().ToString("N")),
            "--batch-size", "2", "--max-length", "64", option, value];
        if (option != "--lora-rank")
        {
            args = [.. args, "--lora-rank", "2"];
        }
        if (option != "--micro-batch")
        {
            args = [.. args, "--micro-batch", "1"];
        }
        var (exit, _, error) = await CliRunner.RunAsync(args);
        Assert.Equal(2, exit);
        Assert.Contains("SKMX046", error, StringComparison.Ordinal);
        Assert.Contains(named, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_lora_target_names_the_models_layers()
    {
        var model = StudentCommandTests.TinyCheckpointWithTokenizer();
        var (exit, _, error) = await CliRunner.RunAsync("student", "train", "--model", model, "--data", Conversations(),
            "--out", Path.Combine(Path.GetTempPath(), "skillmix-" + Guid.NewGuid().ToString("N")), "--max-length", "64", "--lora-rank", "2", "--lora-targets", "qkv");
        Assert.Equal(2, exit);
        Assert.Contains("SKMX046: --lora-targets", error, StringComparison.Ordinal);
        Assert.Contains("q_proj", error, StringComparison.Ordinal);
    }
}
