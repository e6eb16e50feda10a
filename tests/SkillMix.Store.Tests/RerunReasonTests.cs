using System.Text.Json.Nodes;

namespace SkillMix.Store.Tests;

public sealed class RerunReasonTests
{
    private static readonly string TrainA = ContentHash.Of("train a");
    private static readonly string TrainB = ContentHash.Of("train b");

    private static StepDefinition Evaluate(int combinations = 100, string code = "1", string? train = null) =>
        new("sample", code, new Dictionary<string, JsonNode?> { ["Combinations"] = combinations, ["K"] = 3 },
            new Dictionary<string, string> { ["train"] = train ?? TrainA });

    [Fact]
    public void A_changed_parameter_is_named_with_both_values()
    {
        Assert.Equal("key changed: Combinations 100 -> 200", RerunReason.Explain(Evaluate(), Evaluate(combinations: 200)));
    }

    [Fact]
    public void A_changed_input_shows_both_keys_shortened()
    {
        var reason = RerunReason.Explain(Evaluate(), Evaluate(train: TrainB));

        Assert.Equal($"key changed: input 'train' changed (key {TrainA[..8]}.. -> {TrainB[..8]}..)", reason);
    }

    [Fact]
    public void A_new_code_version_is_named()
    {
        Assert.Equal("key changed: code version 1 -> 2", RerunReason.Explain(Evaluate(), Evaluate(code: "2")));
    }

    [Fact]
    public void Several_changes_are_listed_in_a_fixed_order()
    {
        var reason = RerunReason.Explain(Evaluate(), Evaluate(combinations: 50, code: "2", train: TrainB));

        Assert.Equal(
            $"key changed: code version 1 -> 2; Combinations 100 -> 50; input 'train' changed (key {TrainA[..8]}.. -> {TrainB[..8]}..)",
            reason);
    }

    [Fact]
    public void Added_and_removed_parameters_and_inputs_are_named()
    {
        var before = Evaluate();
        var after = new StepDefinition("sample", "1", new Dictionary<string, JsonNode?> { ["Combinations"] = 100, ["Seed"] = "ten" },
            new Dictionary<string, string> { ["model"] = TrainB });

        Assert.Equal(
            new[] { "K removed (was 3)", "Seed added (\"ten\")", $"input 'model' added (key {TrainB[..8]}..)", $"input 'train' removed (was key {TrainA[..8]}..)" },
            RerunReason.Differences(before, after));
    }

    [Fact]
    public void Equal_definitions_and_a_first_run_say_so()
    {
        Assert.Equal("key unchanged", RerunReason.Explain(Evaluate(), Evaluate()));
        Assert.Equal("no previous run recorded", RerunReason.Explain(null, Evaluate()));
    }

    [Fact]
    public void The_store_outcome_completes_the_story()
    {
        var current = Evaluate(combinations: 200);
        var restored = new RestoreResult(current.Key, RestoreOutcome.Restored, null, null);
        var missing = new RestoreResult(current.Key, RestoreOutcome.NotInStore, null, null);
        var discarded = new RestoreResult(current.Key, RestoreOutcome.Discarded, null, "the blob 0123 of 'a.txt' is missing");

        Assert.Equal("restored from store", RerunReason.Explain(current, current, restored));
        Assert.Equal("restored from store (key changed: Combinations 100 -> 200)", RerunReason.Explain(Evaluate(), current, restored));
        Assert.Equal("not in the store", RerunReason.Explain(current, current, missing));
        Assert.Equal("not in the store (no previous run recorded)", RerunReason.Explain(null, current, missing));
        Assert.Equal("key changed: Combinations 100 -> 200", RerunReason.Explain(Evaluate(), current, missing));
        Assert.Equal("store entry discarded: the blob 0123 of 'a.txt' is missing", RerunReason.Explain(current, current, discarded));
    }
}
