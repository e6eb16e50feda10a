namespace SkillMix.Core.Metrics;

/// <summary>One generation with the final k + 3 points of each of its gradings (fitted, length point counted, filters applied).</summary>
/// <param name="Cell">The cell it belongs to.</param>
/// <param name="Combination">The combination's identity within the cell (generations of one combination share it).</param>
/// <param name="Generation">Which generation of the combination (1-based repeat index).</param>
/// <param name="Gradings">The points of each grading.</param>
public sealed record GradedGeneration(CellKey Cell, string Combination, int Generation, IReadOnlyList<IReadOnlyList<double>> Gradings);
