using SkillMix.Cli.Costs;
using SkillMix.Experiments.Planning;
using SkillMix.Experiments.Spec;
using SkillMix.Store;

namespace SkillMix.Cli.Planning;

/// <summary>
/// `skillmix step check`: what the build verifies before its first step, so that a missing key or a student this version
/// cannot run stops the build before anything is spent, not hours later at the step that needs it. Only steps that will
/// run are checked: one in the store or up to date needs no model. Every problem is printed, not just the first.
/// </summary>
internal static class StepCheck
{
    public static int Run(IReadOnlyList<string> stepFiles, StepStore store, TextWriter log)
    {
        var problems = new List<string>();
        foreach (var path in stepFiles.Select(p => Path.GetFullPath(p)))
        {
            var step = StepFile.Load(path);
            var project = step.Context["projectFile"]?.GetValue<string>() ?? step.Experiment;
            try
            {
                _ = ExperimentCosts.Prices(step);
            }
            catch (Backends.StepStopException e)
            {
                problems.Add($"{project}: error {e.Code}: {e.Message}");
            }
            if (StepState.Of(step, Path.GetDirectoryName(path)!, store) != StepState.ToRun)
            {
                continue;
            }
            if (StepState.Problem(step) is { } problem)
            {
                problems.Add($"{project}: error {problem.Code}: {problem.Message}");
            }
        }
        foreach (var line in problems.Distinct(StringComparer.Ordinal))
        {
            log.WriteLine(line);
        }
        return problems.Count == 0 ? 0 : 1;
    }
}
