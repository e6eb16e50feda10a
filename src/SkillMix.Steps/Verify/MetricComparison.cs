using System.Globalization;
using SkillMix.Core.Metrics;

namespace SkillMix.Steps.Verify;

/// <summary>
/// Compares two results' cells: a cell is (model, grader, setting, k); each of its metrics (fm, as, sf) compares its mean
/// and 95% interval within a tolerance, and its counts exactly. Used by verify against the committed results.
/// </summary>
internal static class MetricComparison
{
    public static IReadOnlyList<string> Compare(IReadOnlyList<CellResult> expected, IReadOnlyList<CellResult> actual, double tolerance)
    {
        var differences = new List<string>();
        var got = actual.ToDictionary(c => c.Cell);
        foreach (var want in expected)
        {
            if (!got.Remove(want.Cell, out var have))
            {
                differences.Add($"cell {Name(want.Cell)} is expected but missing from the results.");
                continue;
            }
            Count(differences, want.Cell, "combinations", want.Combinations, have.Combinations);
            Count(differences, want.Cell, "generations", want.Generations, have.Generations);
            Count(differences, want.Cell, "gradings", want.Gradings, have.Gradings);
            foreach (var (metric, a, b) in Metrics(want, have))
            {
                Value(differences, want.Cell, metric + ".mean", a.Mean, b.Mean, tolerance);
                Value(differences, want.Cell, metric + ".ciLow", a.CiLow, b.CiLow, tolerance);
                Value(differences, want.Cell, metric + ".ciHigh", a.CiHigh, b.CiHigh, tolerance);
            }
        }
        differences.AddRange(got.Keys.Order().Select(cell => $"cell {Name(cell)} is in the results but not expected."));
        return differences;
    }

    public static IEnumerable<(string Metric, MetricEstimate A, MetricEstimate B)> Metrics(CellResult a, CellResult b) =>
        [("fm", a.FullMarks, b.FullMarks), ("as", a.AllSkills, b.AllSkills), ("sf", a.SkillsFraction, b.SkillsFraction)];

    public static string Name(CellKey cell) => $"{cell.Model} / {cell.Setting} / k={cell.K} (grader {cell.Grader})";

    private static void Count(List<string> differences, CellKey cell, string what, int expected, int actual)
    {
        if (expected != actual)
        {
            differences.Add($"cell {Name(cell)}: {what}: expected {expected}, got {actual}.");
        }
    }

    private static void Value(List<string> differences, CellKey cell, string what, double expected, double actual, double tolerance)
    {
        if (!(Math.Abs(expected - actual) <= tolerance))
        {
            differences.Add($"cell {Name(cell)}: {what}: expected {Format(expected)}, got {Format(actual)} " +
                $"(difference {Format(actual - expected)}, tolerance {tolerance.ToString("G", CultureInfo.InvariantCulture)}).");
        }
    }

    private static string Format(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);
}
