using SkillMix.Experiments.Spec;

namespace SkillMix.Experiments.Tests;

/// <summary>A small experiment's declarations, as the MSBuild task would pass them, with one-line tweaks for each test.</summary>
internal static class Declarations
{
    public const string Project = "/experiments/Tiny/Tiny.csproj";

    public static Dictionary<string, string> Properties(params (string Name, string Value)[] overrides)
    {
        var properties = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["World"] = "offline",
            ["Seed"] = "10",
            ["Combinations"] = "100",
        };
        foreach (var (name, value) in overrides)
        {
            properties[name] = value;
        }
        return properties;
    }

    public static List<DeclaredItem> Items() =>
    [
        Item(SpecReader.TrainingSetItem, "D1", ("K", "1"), ("Skills", "all"), ("Topics", "train"), ("Attempts", "50")),
        Item(SpecReader.TrainingSetItem, "D2", ("K", "2"), ("Skills", "train"), ("Topics", "train"), ("Attempts", "50")),
        Item(SpecReader.FineTuneItem, "D12", ("Data", "D1;D2")),
        Item(SpecReader.EvaluationItem, "held-out", ("K", "2;3"), ("Skills", "held-out"), ("Topics", "held-out")),
    ];

    public static DeclaredItem Item(string type, string include, params (string Name, string Value)[] metadata) =>
        new(type, include, metadata.ToDictionary(m => m.Name, m => m.Value, StringComparer.OrdinalIgnoreCase));

    public static ExperimentSpec Read(Dictionary<string, string> properties, List<DeclaredItem> items)
    {
        var (spec, errors) = SpecReader.Read(properties, items, Project);
        Assert.True(spec is not null, string.Join("\n", errors));
        return spec;
    }
}
