using SkillMix.Steps.Costs;
using SkillMix.Experiments.Planning;
using SkillMix.Experiments.Spec;
using SkillMix.Store;

namespace SkillMix.Steps.Preflight;

/// <summary>
/// `skillmix step check`: what the build verifies before its first step, so that a missing key or a student this version
/// cannot run stops the build before anything is spent, not hours later at the step that needs it. Only steps that will
/// run are checked: one in the store or up to date needs no model. Every problem is printed, not just the first.
/// </summary>
internal static class StepCheck
{
    public static int Run(IReadOnlyList<string> stepFiles, StepStore store, TextWriter log)
    {
        var problems = new List<(string Project, string Step, ChatModels.StepStopException Problem)>();
        foreach (var path in stepFiles.Select(p => Path.GetFullPath(p)))
        {
            var step = StepFile.Load(path);
            var project = step.Context["projectFile"]?.GetValue<string>() ?? step.Experiment;
            try
            {
                _ = ExperimentCosts.Prices(step);
            }
            catch (ChatModels.StepStopException e)
            {
                problems.Add((project, step.Id, e));
            }
            if (StepState.Of(step, ExperimentLayout.Of(path), store) == StepState.ToRun && StepState.Problem(step) is { } problem)
            {
                problems.Add((project, step.Id, problem));
            }
        }
        foreach (var line in Lines(problems))
        {
            log.WriteLine(line);
        }
        return problems.Count == 0 ? 0 : 1;
    }

    /// <summary>One error per distinct reason, naming the steps it stops (a plan can have dozens of steps per model).</summary>
    public static IEnumerable<string> Lines(IEnumerable<(string Project, string Step, ChatModels.StepStopException Problem)> problems) =>
        problems
            .GroupBy(p => (p.Project, p.Problem.Code, p.Problem.Reason))
            .Select(g =>
            {
                var steps = g.Select(p => p.Step).Distinct(StringComparer.Ordinal).ToList();
                var which = steps.Count == 1 ? $"step {steps[0]}" : $"{steps.Count} steps ({string.Join(", ", steps.Take(4))}{(steps.Count > 4 ? ", ..." : "")})";
                return g.Key.Reason.StartsWith(CostSpec.PriceFileProperty, StringComparison.Ordinal)
                    ? $"{g.Key.Project}: error {g.Key.Code}: {g.Key.Reason}"
                    : $"{g.Key.Project}: error {g.Key.Code}: {which} {(steps.Count == 1 ? g.Key.Reason : Plural(g.Key.Reason))}";
            });

    // "calls openai:gpt-4 ..." said of several steps: "call openai:gpt-4 ...".
    private static string Plural(string reason) =>
        reason.StartsWith("calls ", StringComparison.Ordinal) ? "call " + reason["calls ".Length..]
        : reason.StartsWith("needs ", StringComparison.Ordinal) ? "need " + reason["needs ".Length..]
        : reason;
}
