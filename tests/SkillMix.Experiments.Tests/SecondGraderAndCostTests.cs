using System.Text.Json.Nodes;
using SkillMix.Core.Worlds;
using SkillMix.Experiments.Parameters;
using SkillMix.Experiments.Planning;
using SkillMix.Experiments.Spec;

namespace SkillMix.Experiments.Tests;

public sealed class SecondGraderAndCostTests
{
    private static readonly World World = SampleWorld.Load();

    private static IReadOnlyList<StepFile> Plan(Dictionary<string, string> properties) =>
        PlanWriter.Resolve(ExperimentPlanner.Plan(Declarations.Read(properties, Declarations.Items()), World), "Tiny", new JsonObject(), "/out");

    [Fact]
    public void A_second_grader_grades_the_same_samples_in_steps_of_its_own()
    {
        var plan = Plan(Declarations.Properties(("SecondGrader", "anthropic:claude-sonnet-4-5")));
        var second = plan.Where(s => s.Id.StartsWith("grade2.", StringComparison.Ordinal)).ToList();

        // One per (model, evaluation): base and D12, on held-out.
        Assert.Equal(["grade2.base.held-out", "grade2.D12.held-out"], second.Select(s => s.Id));
        foreach (var step in second)
        {
            Assert.Equal(StepKind.GradeSamples, step.Kind);
            Assert.Equal("anthropic:claude-sonnet-4-5", step.Parameters<GradeParameters>().Grader);
            var first = plan.Single(s => s.Id == "grade." + step.Id["grade2.".Length..]);
            Assert.Equal(first.Input("samples").Key, step.Input("samples").Key);
        }
        Assert.Equal("anthropic:claude-sonnet-4-5", plan.Single(s => s.Id == StepIds.Report).Parameters<ReportParameters>().SecondGrader);
    }

    [Fact]
    public void Adding_a_second_grader_reruns_no_step_but_the_report()
    {
        var before = Plan(Declarations.Properties()).ToDictionary(s => s.Id, s => s.Key);
        var after = Plan(Declarations.Properties(("SecondGrader", "offline-lenient"))).ToDictionary(s => s.Id, s => s.Key);

        var changed = before.Keys.Where(id => before[id] != after[id]).ToList();
        Assert.Equal([StepIds.Report], changed);
        Assert.Equal(2, after.Count - before.Count);
    }

    [Fact]
    public void Budget_and_price_file_enter_no_key()
    {
        var prices = Path.GetTempFileName();
        try
        {
            var before = Plan(Declarations.Properties()).Select(s => s.Key);
            var after = Plan(Declarations.Properties((CostSpec.BudgetProperty, "12.5"), (CostSpec.PriceFileProperty, prices))).Select(s => s.Key);
            Assert.Equal(before, after);
        }
        finally
        {
            File.Delete(prices);
        }
    }

    [Fact]
    public void Budget_and_price_file_reach_the_steps_context()
    {
        var prices = Path.GetTempFileName();
        try
        {
            var spec = Declarations.Read(Declarations.Properties((CostSpec.BudgetProperty, "12.5"), (CostSpec.PriceFileProperty, prices)), Declarations.Items());
            Assert.Equal(12.5m, spec.Cost.BudgetUsd);
            var context = ExperimentPlanner.Context(spec);
            Assert.Equal(12.5m, context["budgetUsd"]!.GetValue<decimal>());
            Assert.Equal(prices, context["priceFile"]!.GetValue<string>());
        }
        finally
        {
            File.Delete(prices);
        }
    }

    [Theory]
    [InlineData(CostSpec.BudgetProperty, "-1", "SkillMixBudgetUsd='-1'")]
    [InlineData(CostSpec.BudgetProperty, "ten", "SkillMixBudgetUsd='ten'")]
    [InlineData(CostSpec.PriceFileProperty, "/no/such/prices.json", "/no/such/prices.json")]
    [InlineData("SecondGrader", "claude", "SecondGrader='claude'")]
    [InlineData("SecondGrader", "offline", "is the Grader itself")]
    public void Bad_cost_and_second_grader_properties_are_errors_that_name_them(string property, string value, string expected)
    {
        var (spec, errors) = SpecReader.Read(Declarations.Properties((property, value)), Declarations.Items(), Declarations.Project);
        Assert.Null(spec);
        var error = Assert.Single(errors);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("hf:mistralai/Mistral-7B-Instruct-v0.2", true)]
    [InlineData("hf:", false)]
    [InlineData("offline-lenient", false)]
    public void Students_can_be_named_by_their_open_weights_id(string student, bool known)
    {
        var (_, errors) = SpecReader.Read(Declarations.Properties(("Student", student)), Declarations.Items(), Declarations.Project);
        Assert.Equal(known, errors.All(e => e.Code != ErrorCodes.UnknownBackend));
    }
}
