using SkillMix.Experiments.Parameters;
using SkillMix.Experiments.Planning;
using SkillMix.Store;

namespace SkillMix.Steps.Preflight;

/// <summary>
/// Where a step stands before a build, judged by the rule `skillmix step run` applies (<see cref="ExperimentLayout"/>):
/// up to date in the experiment's folder, in the store (restored without any call), or to run.
/// </summary>
internal static class StepState
{
    public const string UpToDate = "up to date";
    public const string Stored = "stored";
    public const string ToRun = "to run";

    public static string Of(StepFile step, ExperimentLayout layout, StepStore store) =>
        layout.WhyNotUpToDate(step) is null ? UpToDate
        : store.TryGetManifest(step.Key, out _) ? Stored
        : ToRun;

    /// <summary>The models a step calls, by role, as its parameters name them.</summary>
    public static IEnumerable<(string Name, ChatModels.ModelRole Role)> Models(StepFile step) => step.Kind switch
    {
        StepKind.Generate => [(step.Parameters<GenerateParameters>().Teacher, ChatModels.ModelRole.Teacher)],
        StepKind.GradeGenerations or StepKind.GradeSamples => [(step.Parameters<GradeParameters>().Grader, ChatModels.ModelRole.Grader)],
        StepKind.Pretrain => [(step.Parameters<PretrainParameters>().Student, ChatModels.ModelRole.Student)],
        StepKind.Sample => [(step.Parameters<SampleParameters>().Student, ChatModels.ModelRole.Student)],
        _ => [],
    };

    /// <summary>The error code and message of a step that could not start now, or null when it could.</summary>
    public static ChatModels.StepStopException? Problem(StepFile step)
    {
        if (HfStudentSetup.Problem(step) is { } hf)
        {
            return hf;
        }
        foreach (var (name, role) in Models(step))
        {
            try
            {
                ChatModels.ChatBackends.Check(name, role, step.Id);
            }
            catch (ChatModels.StepStopException e)
            {
                return e;
            }
        }
        return null;
    }
}
