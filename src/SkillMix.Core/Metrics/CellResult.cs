namespace SkillMix.Core.Metrics;

/// <summary>The metrics of one cell.</summary>
/// <param name="Cell">Which cell.</param>
/// <param name="Combinations">n, the number of combinations the means are over.</param>
/// <param name="Generations">How many generations were scored (G per combination when complete).</param>
/// <param name="Gradings">How many gradings were voted (R per generation when complete).</param>
/// <param name="FullMarks">FM.</param>
/// <param name="AllSkills">AS.</param>
/// <param name="SkillsFraction">SF.</param>
public sealed record CellResult(CellKey Cell, int Combinations, int Generations, int Gradings,
    MetricEstimate FullMarks, MetricEstimate AllSkills, MetricEstimate SkillsFraction);
