using System.Globalization;
using SkillMix.Core.Metrics;

namespace SkillMix.Steps.Report;

/// <summary>
/// results.csv: the long format, one row per (model, setting, k) in table order, for pandas or a spreadsheet. RFC 4180:
/// CRLF line ends, a field with a comma, quote or line break is quoted and its quotes doubled. Numbers are written in the
/// invariant culture at full precision; a cell without data has zero counts and empty metrics.
/// </summary>
internal static class CsvResults
{
    public static readonly IReadOnlyList<string> Header =
    [
        "model", "setting", "k", "combinations", "generations", "gradings",
        "fm", "fm_stderr", "fm_ci_low", "fm_ci_high",
        "as", "as_stderr", "as_ci_low", "as_ci_high",
        "sf", "sf_stderr", "sf_ci_low", "sf_ci_high",
    ];

    public static void Write(ResultsGrid grid, TextWriter w)
    {
        WriteRow(w, Header);
        foreach (var position in grid.Positions())
        {
            var cell = position.Cell;
            var fields = new List<string>
            {
                position.Model,
                position.Evaluation.Name,
                Integer(position.K),
                Integer(cell?.Combinations ?? 0),
                Integer(cell?.Generations ?? 0),
                Integer(cell?.Gradings ?? 0),
            };
            fields.AddRange(Metric(cell?.FullMarks));
            fields.AddRange(Metric(cell?.AllSkills));
            fields.AddRange(Metric(cell?.SkillsFraction));
            WriteRow(w, fields);
        }
    }

    /// <summary>A field as RFC 4180 writes it.</summary>
    public static string Field(string text) =>
        text.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;

    private static void WriteRow(TextWriter w, IEnumerable<string> fields)
    {
        w.Write(string.Join(",", fields.Select(Field)));
        w.Write("\r\n");
    }

    private static IEnumerable<string> Metric(MetricEstimate? estimate) => estimate is null
        ? ["", "", "", ""]
        : [Number(estimate.Mean), estimate.StdErr is { } se ? Number(se) : "", Number(estimate.CiLow), Number(estimate.CiHigh)];

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Integer(int value) => value.ToString(CultureInfo.InvariantCulture);
}
