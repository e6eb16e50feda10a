using System.Text.Json.Nodes;
using SkillMix.Steps.Report;

namespace SkillMix.Steps.Tests.Report;

public sealed class StepUsageTests
{
    [Fact]
    public void Counters_built_in_memory_as_ints_are_read()
    {
        // The step runner hands over metadata it has just built, not parsed: 16 is an int there, 2.5 a double.
        var metadata = new JsonObject { ["wallSeconds"] = 2.5, ["usage"] = new JsonObject { ["calls"] = 16, ["costUsd"] = 1, ["inputTokens"] = 7L } };

        var usage = StepUsage.Of(metadata);

        Assert.Equal(new StepUsage(2.5, 16, 7, null, 1.0, null), usage);
    }

    [Fact]
    public void Counters_at_the_top_are_read_when_there_is_no_usage_object()
    {
        var metadata = JsonNode.Parse("""{ "wallSeconds": 3, "calls": 4, "outputTokens": 50, "costUsd": 0.125 }""")!.AsObject();

        Assert.Equal(new StepUsage(3, 4, null, 50, 0.125, null), StepUsage.Of(metadata));
    }

    [Fact]
    public void A_counter_that_is_not_a_number_is_not_counted()
    {
        var metadata = new JsonObject { ["wallSeconds"] = "slow", ["calls"] = "many" };

        Assert.Equal(new StepUsage(null, null, null, null, null, null), StepUsage.Of(metadata));
    }
}
