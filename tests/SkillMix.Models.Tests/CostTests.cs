using Microsoft.Extensions.AI;
using SkillMix.FakeModelServer;
using SkillMix.Models.Backends;
using SkillMix.Models.Cost;
using SkillMix.Models.Tests.Support;

namespace SkillMix.Models.Tests;

public sealed class CostTests
{
    [Theory]
    [InlineData("gpt-4", 30, 60)]
    [InlineData("gpt-4-0613", 30, 60)]
    [InlineData("gpt-4-32k-0613", 60, 120)]
    [InlineData("gpt-4-turbo-2024-04-09", 10, 30)]
    [InlineData("gpt-4o-2024-08-06", 2.5, 10)]
    [InlineData("gpt-4o-2024-05-13", 5, 15)]
    [InlineData("gpt-4o-mini-2024-07-18", 0.15, 0.6)]
    [InlineData("claude-3-opus-20240229", 15, 75)]
    [InlineData("claude-opus-4-5-20251101", 5, 25)]
    [InlineData("claude-opus-4-20250514", 15, 75)]
    public void Snapshots_take_the_price_of_the_longest_listed_name(string model, double input, double output)
    {
        var price = PriceTable.BuiltIn.Find(model);

        Assert.Equal(new ModelPrice((decimal)input, (decimal)output), price);
    }

    [Fact]
    public void A_name_is_only_extended_at_a_dash()
    {
        Assert.Null(PriceTable.BuiltIn.Find("gpt-4omega"));
        Assert.Null(PriceTable.BuiltIn.Find("llama-2-13b-chat"));
    }

    [Fact]
    public void Estimate_multiplies_calls_by_tokens_at_list_price()
    {
        // GPT-4 at $30 / $60 per million: 10,000 calls x 800 input = 8M tokens = $240; x 300 output = 3M = $180.
        var plan = PriceTable.BuiltIn.Estimate("gpt-4", calls: 10_000, inputTokensPerCall: 800, outputTokensPerCall: 300);

        Assert.Equal(new PlannedCost("gpt-4", 10_000, 8_000_000, 3_000_000, 420m), plan);
        Assert.Throws<CostException>(() => PriceTable.BuiltIn.Estimate("my-local-model", 1, 1, 1));
    }

    [Fact]
    public void A_price_file_adds_and_replaces_entries_and_its_errors_name_the_file_and_line()
    {
        var dir = Directory.CreateTempSubdirectory("skillmix-prices-");
        try
        {
            var good = Path.Combine(dir.FullName, "prices.json");
            File.WriteAllText(good, """{ "gpt-4": { "inputPerMillion": 1, "outputPerMillion": 2 }, "my-model": { "inputPerMillion": 0, "outputPerMillion": 0.5 } }""");
            var bad = Path.Combine(dir.FullName, "bad.json");
            File.WriteAllText(bad, "{\n  \"gpt-4\": { \"inputPerMillion\": 1, \"outputPerMilion\": 2 }\n}");

            var table = PriceTable.WithOverrides(good);
            var error = Assert.Throws<CostException>(() => PriceTable.WithOverrides(bad));

            Assert.Equal(new ModelPrice(1, 2), table.Find("gpt-4-0613"));
            Assert.Equal(new ModelPrice(0, 0.5m), table.Find("my-model"));
            Assert.Equal(new ModelPrice(15, 75), table.Find("claude-3-opus"));
            Assert.Contains(bad, error.Message, StringComparison.Ordinal);
            Assert.Contains("line 2", error.Message, StringComparison.Ordinal);
            Assert.Contains("outputPerMilion", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static IChatClient Priced(FakeServer server, CostMeter meter, string step) =>
        new ChatClientBuilder(TestBackends.Create(TestBackends.Settings(server, ModelProvider.OpenAI, "gpt-4")))
            .UseCost(meter, PriceTable.BuiltIn, step, "gpt-4", defaultMaxOutputTokens: 100)
            .Build();

    [Fact]
    public async Task Each_step_accumulates_the_reported_tokens_at_the_reported_models_price()
    {
        await using var server = await FakeServer.StartAsync(new FakeServerOptions { ReportedModel = _ => "gpt-4-0613" });
        var meter = new CostMeter();
        using var generate = Priced(server, meter, "Generate");
        using var grade = Priced(server, meter, "Grade");

        // "abcdefgh": 2 prompt tokens; "Answer: abcdefgh": 4 completion tokens (the fake counts 4 characters a token).
        // At $30 / $60 per million: 2 x 30e-6 + 4 x 60e-6 = $0.0003 per call.
        await generate.GetResponseAsync(TestBackends.Ask("abcdefgh"));
        await generate.GetResponseAsync(TestBackends.Ask("abcdefgh"));
        await grade.GetResponseAsync(TestBackends.Ask("abcdefgh"));

        Assert.Equal(
            [
                new StepCost("Generate", 2, 4, 8, 0.0006m, 0, ["gpt-4-0613"]),
                new StepCost("Grade", 1, 2, 4, 0.0003m, 0, ["gpt-4-0613"]),
            ],
            meter.Steps(), StepCostComparer.Instance);
        Assert.Equal(0.0009m, meter.Spent);
    }

    [Fact]
    public async Task The_budget_stops_before_the_call_that_could_exceed_it()
    {
        await using var server = await FakeServer.StartAsync(new FakeServerOptions { ReportedModel = _ => "gpt-4-0613" });
        var meter = new CostMeter(budgetUsd: 0.01m);
        using var client = Priced(server, meter, "Generate");

        // Worst case of a call: estimated input ceil(8 / 4) + 4 = 6 tokens, output cap 100: 6 x 30e-6 + 100 x 60e-6 = $0.00618.
        // Each call really costs $0.0003, so call n goes ahead while 0.0003 (n - 1) + 0.00618 <= 0.01: n <= 13.
        var made = 0;
        var error = await Assert.ThrowsAsync<CostException>(async () =>
        {
            while (true)
            {
                await client.GetResponseAsync(TestBackends.Ask("abcdefgh"));
                made++;
            }
        });

        Assert.Equal(13, made);
        Assert.Equal(13, server.RequestCount);
        Assert.Equal(0.0039m, meter.Spent);
        Assert.Contains("Budget stop", error.Message, StringComparison.Ordinal);
        Assert.Contains("not made", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_budget_cannot_be_kept_for_a_model_without_a_price()
    {
        await using var server = await FakeServer.StartAsync();
        using var client = new ChatClientBuilder(TestBackends.Create(TestBackends.Settings(server, ModelProvider.OpenAI, "my-local-model")))
            .UseCost(new CostMeter(budgetUsd: 1m), PriceTable.BuiltIn, "Generate", "my-local-model")
            .Build();

        var error = await Assert.ThrowsAsync<CostException>(() => client.GetResponseAsync(TestBackends.Ask("x")));

        Assert.Contains("my-local-model", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, server.RequestCount);
    }

    private sealed class StepCostComparer : IEqualityComparer<StepCost>
    {
        public static readonly StepCostComparer Instance = new();

        public bool Equals(StepCost? x, StepCost? y) =>
            x is not null && y is not null && x with { Models = [] } == y with { Models = [] } && x.Models.SequenceEqual(y.Models);

        public int GetHashCode(StepCost obj) => obj.Step.GetHashCode(StringComparison.Ordinal);
    }
}
