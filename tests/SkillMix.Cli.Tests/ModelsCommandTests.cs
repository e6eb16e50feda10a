using Microsoft.Extensions.AI;
using SkillMix.Models;
using SkillMix.Models.Store;

namespace SkillMix.Cli.Tests;

public sealed class ModelsCommandTests
{
    [Fact]
    public async Task Estimate_prints_the_list_price_of_planned_calls()
    {
        // GPT-4 at $30 / $60 per million: 10,000 x 800 = 8M input tokens = $240, 10,000 x 300 = 3M output = $180.
        var (exit, output, error) = await CliRunner.RunAsync(
            "models", "estimate", "--model", "gpt-4-0613", "--calls", "10000", "--input-tokens", "800", "--output-tokens", "300");

        Assert.True(exit == 0, error);
        Assert.Equal("gpt-4-0613: 10000 calls, 8000000 input + 3000000 output tokens = $420.00", output.Trim());
    }

    [Fact]
    public async Task Estimate_of_an_unpriced_model_says_how_to_add_a_price()
    {
        var (exit, _, error) = await CliRunner.RunAsync(
            "models", "estimate", "--model", "my-model", "--calls", "1", "--input-tokens", "1", "--output-tokens", "1");

        Assert.Equal(2, exit);
        Assert.Contains("price file", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Calls_sums_tokens_and_price_per_reported_model()
    {
        var root = Directory.CreateTempSubdirectory("skillmix-cli-calls-");
        try
        {
            var store = new CallStore(root.FullName);
            var identity = new CallIdentity("openai", new Uri("https://api.openai.com/v1"), "gpt-4");
            foreach (var (text, input, output) in new[] { ("a", 1000L, 500L), ("b", 3000L, 1500L) })
            {
                var canonical = CallKey.CanonicalRequest(identity, [new ChatMessage(ChatRole.User, text)], null);
                store.Write(new CallRecord
                {
                    Key = CallKey.Compute(canonical),
                    Request = System.Text.Json.JsonDocument.Parse(canonical).RootElement.Clone(),
                    Response = new ChatResponse(new ChatMessage(ChatRole.Assistant, "reply")),
                    ModelId = "gpt-4-0613",
                    InputTokens = input,
                    OutputTokens = output,
                });
            }

            var (exit, stdout, error) = await CliRunner.RunAsync("models", "calls", root.FullName);

            Assert.True(exit == 0, error);
            // 4,000 input x $30 / 1M = $0.12; 2,000 output x $60 / 1M = $0.12.
            Assert.Contains("gpt-4-0613 | 2 | 4000 | 2000 | 0.24", stdout, StringComparison.Ordinal);
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }
}
