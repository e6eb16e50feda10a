using System.Text.Json.Nodes;
using SkillMix.Steps.Report;

namespace SkillMix.Steps.Tests.Report;

public sealed class ProvenanceJsonTests
{
    private readonly JsonObject root = Written(ReportSample.Input());

    [Fact]
    public void Totals_add_up_every_step_and_separately_the_steps_this_build_ran()
    {
        var totals = root["totals"]!;

        Assert.Equal(3, (int?)totals["steps"]);
        Assert.Equal(2, (int?)totals["run"]);
        Assert.Equal(1, (int?)totals["restored"]);
        // 2.5 + 30.25 + 1.5 s; 16 + 36 calls; 1000 + 5000 and 400 + 700 tokens; $0.25 + $0.50.
        Assert.Equal(34.25, (double?)totals["recorded"]!["wallSeconds"]);
        Assert.Equal(52, (long?)totals["recorded"]!["calls"]);
        Assert.Equal(6000, (long?)totals["recorded"]!["inputTokens"]);
        Assert.Equal(1100, (long?)totals["recorded"]!["outputTokens"]);
        Assert.Equal(0.75, (double?)totals["recorded"]!["costUsd"]);
        Assert.Equal(2, (long?)totals["recorded"]!["unpricedCalls"]);
        // Without the restored generate step: 30.25 + 1.5 s, the grader's 36 calls and $0.50.
        Assert.Equal(31.75, (double?)totals["thisBuild"]!["wallSeconds"]);
        Assert.Equal(36, (long?)totals["thisBuild"]!["calls"]);
        Assert.Equal(0.5, (double?)totals["thisBuild"]!["costUsd"]);
    }

    [Fact]
    public void Each_step_says_whether_it_ran_and_what_it_used()
    {
        var steps = root["steps"]!.AsArray();

        Assert.Equal(["generate-D1", "train-D12", "grade-D12-held-out"], steps.Select(s => (string?)s!["id"]));
        Assert.Equal(["restored", "run", "run"], steps.Select(s => (string?)s!["outcome"]));
        Assert.Equal("offline-teacher", (string?)steps[0]!["models"]!["model"]);
        Assert.Equal(400, (long?)steps[0]!["outputTokens"]);
        Assert.Null(steps[1]!["costUsd"]);
        Assert.Empty(steps[1]!["models"]!.AsObject());
        Assert.Equal("offline-grader", (string?)steps[2]!["models"]!["grader"]);
    }

    [Fact]
    public void Metadata_and_parameters_are_written_with_sorted_members()
    {
        var grade = root["steps"]![2]!;

        Assert.Equal(["grader", "usage", "wallSeconds", "zeta"], grade["metadata"]!.AsObject().Select(p => p.Key));
        Assert.Equal(["calls", "costUsd", "inputTokens", "outputTokens", "unpricedCalls"],
            grade["metadata"]!["usage"]!.AsObject().Select(p => p.Key));
        Assert.Equal(["dataSeed", "initSeed", "steps"], root["steps"]![1]!["parameters"]!.AsObject().Select(p => p.Key));
    }

    [Fact]
    public void Seeds_list_the_experiments_and_every_seed_parameter_of_a_step()
    {
        var seeds = root["seeds"]!;

        Assert.Equal(10, (long?)seeds["experiment"]);
        Assert.Equal(["generate-D1", "train-D12"], seeds["steps"]!.AsObject().Select(p => p.Key));
        Assert.Equal(7, (int?)seeds["steps"]!["train-D12"]!["dataSeed"]);
        Assert.Equal(3, (int?)seeds["steps"]!["train-D12"]!["initSeed"]);
    }

    [Fact]
    public void The_tool_and_the_machine_come_from_the_input()
    {
        Assert.Equal("skillmix 0.1.0", (string?)root["tool"]);
        Assert.Equal(2, (int?)root["machine"]!["cores"]);
        Assert.Equal("Linux 6.1", (string?)root["machine"]!["os"]);
    }

    private static JsonObject Written(ReportInput input)
    {
        using var w = new StringWriter();
        ProvenanceJson.Write(ResultsGrid.Build(input), w);
        return JsonNode.Parse(w.ToString())!.AsObject();
    }
}
