namespace SkillMix.Steps.Verify;

/// <summary>What `skillmix verify` checks: the built plan, which steps to recompute, and the committed results to match.</summary>
/// <param name="StepsDirectory">The planner's folder (obj/skillmix/steps) of an experiment that has been built.</param>
/// <param name="Selection">Which steps to recompute.</param>
/// <param name="ExpectedResults">The committed results.json, or null to skip the metrics check.</param>
/// <param name="ActualResults">The build's results.json (results/results.json beside the project).</param>
/// <param name="Tolerance">The largest absolute difference allowed in a metric's mean and interval bounds.</param>
/// <param name="Project">The experiment's project file, named in errors about steps.</param>
internal sealed record VerifyRequest(string StepsDirectory, VerifySelection Selection, string? ExpectedResults,
    string? ActualResults, double Tolerance, string Project);
