using System.Text.Json.Nodes;
using SkillMix.Core.Worlds;
using SkillMix.Experiments.Parameters;
using SkillMix.Experiments.Planning;

namespace SkillMix.Experiments.Tests;

public sealed class PlannerTests
{
    private static readonly World World = SampleWorld.Load();

    private static Dictionary<string, string> Keys(Dictionary<string, string> properties) =>
        PlanWriter.Resolve(ExperimentPlanner.Plan(Declarations.Read(properties, Declarations.Items()), World), "Tiny", new JsonObject(), "/out")
            .ToDictionary(s => s.Id, s => s.Key);

    [Fact]
    public void Plans_every_step_after_its_inputs()
    {
        var plan = ExperimentPlanner.Plan(Declarations.Read(Declarations.Properties(), Declarations.Items()), World);
        var seen = new HashSet<string>();
        foreach (var step in plan)
        {
            Assert.All(step.Inputs.Values, input => Assert.Contains(input, seen));
            Assert.True(seen.Add(step.Id), $"{step.Id} is planned twice");
        }
        Assert.Equal(
        [
            "generate.D1", "grade.D1", "filter.D1", "generate.D2", "grade.D2", "filter.D2", "pretrain", "train.D12",
            "sample.base.held-out", "grade.base.held-out", "aggregate.base.held-out",
            "sample.D12.held-out", "grade.D12.held-out", "aggregate.D12.held-out", "report",
        ], plan.Select(s => s.Id));
    }

    [Fact]
    public void Changing_Combinations_changes_only_sampling_grading_aggregation_and_the_report()
    {
        var before = Keys(Declarations.Properties(("Combinations", "100")));
        var after = Keys(Declarations.Properties(("Combinations", "200")));
        var changed = before.Keys.Where(id => before[id] != after[id]).Order().ToList();
        Assert.Equal(
        [
            "aggregate.base.held-out", "aggregate.D12.held-out", "grade.base.held-out", "grade.D12.held-out", "report",
            "sample.base.held-out", "sample.D12.held-out",
        ], changed, StringComparer.Ordinal);
    }

    [Fact]
    public void Changing_the_fine_tuning_budget_leaves_the_data_and_the_base_student_alone()
    {
        var before = Keys(Declarations.Properties());
        var after = Keys(Declarations.Properties(("FineTuneSteps", "999")));
        Assert.Equal(before["generate.D1"], after["generate.D1"]);
        Assert.Equal(before["filter.D2"], after["filter.D2"]);
        Assert.Equal(before["pretrain"], after["pretrain"]);
        Assert.Equal(before["sample.base.held-out"], after["sample.base.held-out"]);
        Assert.NotEqual(before["train.D12"], after["train.D12"]);
        Assert.NotEqual(before["sample.D12.held-out"], after["sample.D12.held-out"]);
    }

    [Fact]
    public void Changing_the_tokenizer_retrains_the_base_student_and_everything_after_it_but_keeps_the_data()
    {
        var before = Keys(Declarations.Properties());
        var after = Keys(Declarations.Properties(("StudentTokenizer", "char")));
        Assert.Equal(before["filter.D2"], after["filter.D2"]);
        Assert.NotEqual(before["pretrain"], after["pretrain"]);
        Assert.NotEqual(before["train.D12"], after["train.D12"]);
        Assert.NotEqual(before["sample.base.held-out"], after["sample.base.held-out"]);
    }

    [Fact]
    public void Keys_do_not_depend_on_where_the_project_is()
    {
        var a = PlanWriter.Resolve(ExperimentPlanner.Plan(Declarations.Read(Declarations.Properties(), Declarations.Items()), World),
            "Tiny", new JsonObject { ["projectFile"] = "/a/Tiny.csproj" }, "/a/obj/skillmix/out");
        var b = PlanWriter.Resolve(ExperimentPlanner.Plan(Declarations.Read(Declarations.Properties(), Declarations.Items()), World),
            "Tiny", new JsonObject { ["projectFile"] = "/b/Tiny.csproj" }, "/b/obj/skillmix/out");
        Assert.Equal(a.Select(s => s.Key), b.Select(s => s.Key));
    }

    [Fact]
    public void Step_files_round_trip_and_are_rewritten_only_when_they_change()
    {
        var dir = Directory.CreateTempSubdirectory("skillmix-plan-");
        try
        {
            var plan = ExperimentPlanner.Plan(Declarations.Read(Declarations.Properties(), Declarations.Items()), World);
            var written = PlanWriter.Write(plan, "Tiny", new JsonObject(), dir.FullName, Path.Combine(dir.FullName, "out"));
            var path = Path.Combine(dir.FullName, "generate.D1.json");
            var stamp = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);
            File.SetLastWriteTimeUtc(path, stamp);
            PlanWriter.Write(plan, "Tiny", new JsonObject(), dir.FullName, Path.Combine(dir.FullName, "out"));
            Assert.Equal(stamp, File.GetLastWriteTimeUtc(path));
            var loaded = StepFile.Load(path);
            Assert.Equal(written[0].Key, loaded.Key);
            Assert.Equal(1, loaded.Parameters<GenerateParameters>().K);
            Assert.Equal(["generate.D1", "generate.D2"], new ExperimentLayout(dir.FullName).StepIds(StepKind.Generate));
            var lines = File.ReadAllLines(Path.Combine(dir.FullName, "steps.list"));
            Assert.Equal(["generate generate.D1", "generate generate.D2"], lines.Take(2));
            Assert.Equal(lines.Select(l => l.Split(' ')[0]).Distinct(), StepKind.Names.Where(k => lines.Any(l => l.StartsWith(k + " ", StringComparison.Ordinal))));
            Assert.Contains("train generate;grade-generations;filter;pretrain;train", File.ReadAllLines(Path.Combine(dir.FullName, "kinds.list")));
            Assert.Contains("pretrain pretrain", File.ReadAllLines(Path.Combine(dir.FullName, "kinds.list")));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
