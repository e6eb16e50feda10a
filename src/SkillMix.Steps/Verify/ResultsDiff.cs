using System.Globalization;
using System.Text.Json.Nodes;
using SkillMix.Core.Metrics;

namespace SkillMix.Steps.Verify;

/// <summary>
/// The metrics table between two results: every cell (model, grader, setting, k) and metric of either side, with A, B,
/// B - A, and whether the two 95% intervals overlap (a quick sign of whether the difference is noise).
/// </summary>
internal static class ResultsDiff
{
    public sealed record Row(CellKey Cell, string Metric, MetricEstimate? A, MetricEstimate? B)
    {
        public double? Delta => A is not null && B is not null ? B.Mean - A.Mean : null;

        public bool? Overlap => A is not null && B is not null ? A.CiLow <= B.CiHigh && B.CiLow <= A.CiHigh : null;
    }

    public static IReadOnlyList<Row> Rows(IReadOnlyList<CellResult> a, IReadOnlyList<CellResult> b)
    {
        var left = a.ToDictionary(c => c.Cell);
        var right = b.ToDictionary(c => c.Cell);
        var rows = new List<Row>();
        foreach (var cell in left.Keys.Union(right.Keys).Order())
        {
            var x = left.GetValueOrDefault(cell);
            var y = right.GetValueOrDefault(cell);
            rows.Add(new Row(cell, "fm", x?.FullMarks, y?.FullMarks));
            rows.Add(new Row(cell, "as", x?.AllSkills, y?.AllSkills));
            rows.Add(new Row(cell, "sf", x?.SkillsFraction, y?.SkillsFraction));
        }
        return rows;
    }

    public static void WriteTable(IReadOnlyList<Row> rows, string a, string b, TextWriter w)
    {
        w.WriteLine($"A: {a}");
        w.WriteLine($"B: {b}");
        w.WriteLine();
        w.WriteLine("| model | grader | setting | k | metric | A | B | B - A | CIs overlap |");
        w.WriteLine("|---|---|---|---:|---|---:|---:|---:|---|");
        foreach (var row in rows)
        {
            w.WriteLine($"| {row.Cell.Model} | {row.Cell.Grader} | {row.Cell.Setting} | {row.Cell.K} | {row.Metric} | {Estimate(row.A)} | " +
                $"{Estimate(row.B)} | {(row.Delta is { } d ? d.ToString("+0.000;-0.000;0.000", CultureInfo.InvariantCulture) : "-")} | " +
                $"{row.Overlap switch { true => "yes", false => "no", null => "-" }} |");
        }
        var differing = rows.Count(r => r.Delta is not 0.0);
        w.WriteLine();
        w.WriteLine($"{rows.Count} rows; {differing} differ or are on one side only; {rows.Count(r => r.Overlap == false)} have disjoint intervals.");
    }

    public static JsonObject ToJson(IReadOnlyList<Row> rows, string a, string b) => new()
    {
        ["a"] = a,
        ["b"] = b,
        ["rows"] = new JsonArray([.. rows.Select(row => (JsonNode)new JsonObject
        {
            ["model"] = row.Cell.Model,
            ["grader"] = row.Cell.Grader,
            ["setting"] = row.Cell.Setting,
            ["k"] = row.Cell.K,
            ["metric"] = row.Metric,
            ["a"] = Json(row.A),
            ["b"] = Json(row.B),
            ["delta"] = row.Delta,
            ["ciOverlap"] = row.Overlap,
        })]),
    };

    private static JsonNode? Json(MetricEstimate? m) => m is null ? null
        : new JsonObject { ["mean"] = m.Mean, ["ciLow"] = m.CiLow, ["ciHigh"] = m.CiHigh };

    private static string Estimate(MetricEstimate? m) => m is null ? "-"
        : string.Create(CultureInfo.InvariantCulture, $"{m.Mean:0.000} [{m.CiLow:0.000}, {m.CiHigh:0.000}]");
}
