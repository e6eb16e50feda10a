using System.Globalization;
using System.Text;
using SkillMix.Core.Metrics;

namespace SkillMix.Cli.Commands;

/// <summary>The aggregate results as an aligned text table: one row per cell, each metric as mean ±stderr [95% interval].</summary>
internal static class AggregateTable
{
    private static readonly string[] Headers = ["Model", "Grader", "Setting", "k", "n", "FM", "AS", "SF"];

    public static string Format(IReadOnlyList<CellResult> cells, IReadOnlyList<string> notes, AggregateOptions options)
    {
        var rows = cells.Select(c => new[]
        {
            c.Cell.Model, c.Cell.Grader, c.Cell.Setting, Int(c.Cell.K), Int(c.Combinations),
            Metric(c.FullMarks), Metric(c.AllSkills), Metric(c.SkillsFraction),
        }).ToList();
        var widths = Headers.Select((h, i) => rows.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
        var sb = new StringBuilder();
        foreach (var note in notes)
        {
            sb.Append("read: ").Append(note).Append('\n');
        }
        sb.Append("options: name filter ").Append(options.NameFilter ? "on" : "off")
          .Append(", points ").Append(options.Reparse ? "re-parsed from replies" : "as stored")
          .Append(", bootstrap ").Append(Int(options.Resamples)).Append(" resamples, seed ")
          .Append(options.Seed.ToString(CultureInfo.InvariantCulture)).Append('\n').Append('\n');
        AppendRow(sb, Headers, widths);
        AppendRow(sb, widths.Select(w => new string('-', w)).ToArray(), widths);
        foreach (var row in rows)
        {
            AppendRow(sb, row, widths);
        }
        sb.Append('\n').Append("FM, AS, SF: mean over combinations of the best of each combination's generations, ")
          .Append("±std(ddof=1)/sqrt(n), [bootstrap 95% interval].\n");
        return sb.ToString();
    }

    private static void AppendRow(StringBuilder sb, string[] cells, int[] widths)
    {
        for (var i = 0; i < cells.Length; i++)
        {
            // Names are left-aligned; counts and metrics right-aligned so their digits line up.
            var cell = i < 3 ? cells[i].PadRight(widths[i]) : cells[i].PadLeft(widths[i]);
            sb.Append(i == 0 ? "" : "  ").Append(cell);
        }
        sb.Append('\n');
    }

    private static string Metric(MetricEstimate m) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{m.Mean:0.000} ±{(m.StdErr is { } se ? se.ToString("0.000", CultureInfo.InvariantCulture) : "n/a")} [{m.CiLow:0.000}, {m.CiHigh:0.000}]");

    private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);
}
