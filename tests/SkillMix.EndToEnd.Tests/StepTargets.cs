using Microsoft.Build.Logging.StructuredLogger;

namespace SkillMix.EndToEnd.Tests;

/// <summary>
/// What a build's binary log says about the SDK's step targets: which ran the skillmix CLI and on which step files, and
/// which MSBuild skipped because every output was newer than every input. This is MSBuild's own account, independent of
/// what the CLI prints.
/// </summary>
public sealed record StepTargets(IReadOnlyDictionary<string, IReadOnlyList<string>> Ran, IReadOnlySet<string> UpToDate)
{
    /// <summary>The SDK's step targets, in build order (docs/sdk.md).</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        "SkillMixGenerate", "SkillMixGradeGenerations", "SkillMixFilter", "SkillMixPretrain", "SkillMixTrain",
        "SkillMixSample", "SkillMixGradeSamples", "SkillMixAggregate", "SkillMixReport",
    ];

    /// <summary>Step ids (step file names without .json) the CLI was handed, over every target.</summary>
    public IReadOnlyList<string> StepsRun => Ran.Values.SelectMany(steps => steps).ToList();

    public static StepTargets Read(string binaryLog)
    {
        var build = BinaryLog.ReadBuild(binaryLog);
        var ran = new Dictionary<string, IReadOnlyList<string>>();
        var upToDate = new HashSet<string>();
        // A target appears once where it executed (with its tasks and messages) and again, empty, wherever another
        // target depended on it after that: only the first kind says anything.
        foreach (var target in build.FindChildrenRecursive<Target>(t => All.Contains(t.Name)))
        {
            var runs = target.Children.OfType<Microsoft.Build.Logging.StructuredLogger.Task>().Where(t => t.Name == "SkillMixRunStep").ToList();
            if (runs.Count > 0)
            {
                ran[target.Name] = runs.SelectMany(StepFiles).Select(Path.GetFileNameWithoutExtension).ToList()!;
            }
            if (target.Children.OfType<Message>().Any(m => m.Text.StartsWith($"Skipping target \"{target.Name}\" because all output files are up-to-date", StringComparison.Ordinal)))
            {
                upToDate.Add(target.Name);
            }
        }
        return new StepTargets(ran, upToDate);
    }

    // The log keeps a one-item parameter as a plain name = value line, and a longer one as a list of items.
    private static IEnumerable<string> StepFiles(Microsoft.Build.Logging.StructuredLogger.Task run) =>
        run.FindChildrenRecursive<Parameter>(p => p.Name == "StepFiles").SelectMany(p => p.Children.OfType<Item>()).Select(item => item.Text)
            .Concat(run.FindChildrenRecursive<Property>(p => p.Name == "StepFiles").Select(p => p.Value));

    public override string ToString() =>
        $"ran: {string.Join("; ", Ran.Select(r => $"{r.Key} [{string.Join(' ', r.Value)}]"))}\nup to date: {string.Join(' ', UpToDate)}";
}
