using System.Globalization;
using SkillMix.Core.Metrics;

namespace SkillMix.Steps.Report;

/// <summary>How numbers read in results.md: ratios with two decimals and no leading zero, as the papers' tables print them.</summary>
internal static class MetricText
{
    /// <summary>The mark of a cell without data.</summary>
    public const string Missing = "–";

    /// <summary>0.37 as ".37", 1 as "1.00".</summary>
    public static string Ratio(double value)
    {
        var text = value.ToString("0.00", CultureInfo.InvariantCulture);
        return text.StartsWith("0.", StringComparison.Ordinal) ? text[1..] : text;
    }

    /// <summary>"FM .37 [.28, .46] · SF .81 [.76, .86]", and " (n = 37)" when the cell has fewer combinations than declared.</summary>
    public static string Cell(CellResult? cell, int declaredCombinations)
    {
        if (cell is null)
        {
            return Missing;
        }
        var text = $"FM {Estimate(cell.FullMarks)} · SF {Estimate(cell.SkillsFraction)}";
        return cell.Combinations == declaredCombinations ? text : $"{text} (n = {cell.Combinations})";
    }

    public static string Estimate(MetricEstimate estimate) =>
        $"{Ratio(estimate.Mean)} [{Ratio(estimate.CiLow)}, {Ratio(estimate.CiHigh)}]";

    /// <summary>0.8125 as "81.3%"; "–" when there is no fraction.</summary>
    public static string Percent(double? fraction) => fraction is { } f
        ? (f * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%"
        : Missing;

    /// <summary>A name as a markdown table cell: a "|" would end the cell, so it is escaped.</summary>
    public static string TableText(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);
}
