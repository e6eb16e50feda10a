using SkillMix.Experiments;
using SkillMix.Experiments.Planning;
using SkillMix.Experiments.Spec;

namespace SkillMix.Cli.Tests;

/// <summary>
/// A small experiment on the offline world planned into a temporary folder, as the SDK's SkillMixPlan target would:
/// D1 (k = 1, 5 attempts) and an evaluation "held-out" at k = 2 and 3 with 3 combinations, 2 answers and 3 gradings each.
/// </summary>
internal sealed class PlannedExperiment : IDisposable
{
    public PlannedExperiment(params (string Name, string Value)[] overrides)
        : this([], overrides)
    {
    }

    /// <summary>The same experiment with more items (a FineTune), planned beside <paramref name="overrides"/>.</summary>
    public PlannedExperiment(IReadOnlyList<DeclaredItem> moreItems, params (string Name, string Value)[] overrides)
    {
        Root = Directory.CreateTempSubdirectory("skillmix-plan-").FullName;
        var properties = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["World"] = "offline",
            ["Seed"] = "3",
            ["Combinations"] = "3",
            ["Generations"] = "2",
            ["Gradings"] = "3",
        };
        foreach (var (name, value) in overrides)
        {
            properties[name] = value;
        }
        DeclaredItem Item(string type, string include, params (string, string)[] metadata) =>
            new(type, include, metadata.ToDictionary(m => m.Item1, m => m.Item2, StringComparer.OrdinalIgnoreCase));
        var project = Path.Combine(Root, "Tiny.csproj");
        var result = ExperimentPlanning.Plan(properties,
            [
                Item(SpecReader.TrainingSetItem, "D1", ("K", "1"), ("Skills", "all"), ("Topics", "train"), ("Attempts", "5")),
                Item(SpecReader.EvaluationItem, "held-out", ("K", "2;3"), ("Skills", "held-out"), ("Topics", "held-out")),
                .. moreItems,
            ],
            project, _ => new SpecLocation(project), StepsDirectory, Path.Combine(Root, "out"));
        Assert.True(result.Errors.Count == 0, string.Join("\n", result.Errors));
        Steps = result.Steps;
    }

    public string Root { get; }

    public string StepsDirectory => Path.Combine(Root, "steps");

    public string Store => Path.Combine(Root, "store");

    public IReadOnlyList<StepFile> Steps { get; }

    public string StepFile(string id) => Path.Combine(StepsDirectory, id + ".json");

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
