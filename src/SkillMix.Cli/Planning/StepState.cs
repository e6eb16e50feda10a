using SkillMix.Experiments.Planning;
using SkillMix.Store;

namespace SkillMix.Cli.Planning;

/// <summary>
/// Where a step stands before a build, judged as `skillmix step run` will: up to date in the experiment's folder, in the
/// store (restored without any call), or to run.
/// </summary>
internal static class StepState
{
    public const string UpToDate = "up to date";
    public const string Stored = "stored";
    public const string ToRun = "to run";

    public static string Of(StepFile step, string stepsDirectory, StepStore store)
    {
        var last = Path.Combine(stepsDirectory, step.Id + ".last.json");
        if (File.Exists(last) && File.Exists(Path.Combine(stepsDirectory, step.Id + ".manifest.json"))
            && Directory.Exists(step.OutputDirectory) && StepDefinition.Load(last).Key == step.Key)
        {
            return UpToDate;
        }
        return store.TryGetManifest(step.Key, out _) ? Stored : ToRun;
    }

    /// <summary>The experiment's step files in the order the build runs them: kind by kind, each kind's list in plan order.</summary>
    public static IReadOnlyList<StepFile> LoadPlan(string stepsDirectory)
    {
        string[] kinds =
        [
            StepKind.Generate, StepKind.GradeGenerations, StepKind.Filter, StepKind.Pretrain, StepKind.Train,
            StepKind.Sample, StepKind.GradeSamples, StepKind.Aggregate, StepKind.Report,
        ];
        if (!File.Exists(Path.Combine(stepsDirectory, StepKind.Report + ".list")))
        {
            throw new IOException($"{stepsDirectory} holds no plan: build the experiment with -t:SkillMixPlan (or -p:SkillMixMode=plan) first.");
        }
        return kinds
            .Select(kind => Path.Combine(stepsDirectory, kind + ".list"))
            .Where(File.Exists)
            .SelectMany(File.ReadAllLines)
            .Where(id => id.Length > 0)
            .Select(id => StepFile.Load(Path.Combine(stepsDirectory, id + ".json")))
            .ToList();
    }

    /// <summary>The models a step calls, by role, as its parameters name them.</summary>
    public static IEnumerable<(string Name, Backends.ModelRole Role)> Models(StepFile step)
    {
        var parameters = step.Definition.Parameters;
        if (step.Kind == StepKind.Report)
        {
            yield break;
        }
        if (parameters.ContainsKey("Teacher"))
        {
            yield return (step.Parameter<string>("Teacher"), Backends.ModelRole.Teacher);
        }
        if (parameters.ContainsKey("Grader"))
        {
            yield return (step.Parameter<string>("Grader"), Backends.ModelRole.Grader);
        }
        if (parameters.ContainsKey("Student") && step.Kind is StepKind.Pretrain or StepKind.Sample)
        {
            yield return (step.Parameter<string>("Student"), Backends.ModelRole.Student);
        }
    }

    /// <summary>The error code and message of a step that could not start now, or null when it could.</summary>
    public static Backends.StepStopException? Problem(StepFile step)
    {
        foreach (var (name, role) in Models(step))
        {
            try
            {
                Backends.ChatBackends.Check(name, role, step.Id);
            }
            catch (Backends.StepStopException e)
            {
                return e;
            }
        }
        return null;
    }
}
