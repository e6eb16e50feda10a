using Microsoft.Build.Logging.StructuredLogger;

namespace SkillMix.EndToEnd.Tests;

/// <summary>
/// What a build's binary log says about the SDK's step target, SkillMixSteps, which MSBuild runs once per step kind
/// (target batching on the kind): which kinds' batches ran the skillmix CLI and on which step files, and how many batches
/// MSBuild skipped because every output was newer than every input. This is MSBuild's own account, independent of what
/// the CLI prints.
/// </summary>
public sealed record StepTargets(IReadOnlyDictionary<string, IReadOnlyList<string>> Ran, int UpToDate)
{
    /// <summary>The step kinds, in build order (StepKind.All; QuickStart plans steps of every kind).</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        "generate", "grade-generations", "filter", "pretrain", "train", "sample", "grade-samples", "aggregate", "report",
    ];

    private const string StepTarget = "SkillMixSteps";

    /// <summary>Step ids (step file names without .json) the CLI was handed, over every batch.</summary>
    public IReadOnlyList<string> StepsRun => Ran.Values.SelectMany(steps => steps).ToList();

    public static StepTargets Read(string binaryLog)
    {
        var build = BinaryLog.ReadBuild(binaryLog);
        var ran = new Dictionary<string, IReadOnlyList<string>>();
        var upToDate = 0;
        // A target appears where it executed (with its tasks and messages, a skipped batch with MSBuild's message) and
        // again, empty, wherever another target depended on it after that: only the first kind says anything.
        foreach (var target in build.FindChildrenRecursive<Target>(t => t.Name == StepTarget))
        {
            foreach (var run in target.Children.OfType<Microsoft.Build.Logging.StructuredLogger.Task>().Where(t => t.Name == "SkillMixRunStep"))
            {
                var kind = Parameter(run, "Kind").Single();
                ran[kind] = [.. Parameter(run, "StepFiles").Select(Path.GetFileNameWithoutExtension)!];
            }
            upToDate += target.Children.OfType<Message>().Count(m => m.Text.StartsWith($"Skipping target \"{StepTarget}\" because all output files are up-to-date", StringComparison.Ordinal));
        }
        return new StepTargets(ran, upToDate);
    }

    // The log keeps a one-item parameter as a plain name = value line, and a longer one as a list of items.
    private static IEnumerable<string> Parameter(Microsoft.Build.Logging.StructuredLogger.Task run, string name) =>
        run.FindChildrenRecursive<Parameter>(p => p.Name == name).SelectMany(p => p.Children.OfType<Item>()).Select(item => item.Text)
            .Concat(run.FindChildrenRecursive<Property>(p => p.Name == name).Select(p => p.Value));

    public override string ToString() =>
        $"ran: {string.Join("; ", Ran.Select(r => $"{r.Key} [{string.Join(' ', r.Value)}]"))}\nbatches up to date: {UpToDate}";
}
