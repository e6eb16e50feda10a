using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace SkillMix.Core.Grading;

/// <summary>
/// Reads the points out of a grader reply with Skill-Mix's official rules, including their quirks, so that metrics computed
/// here match those computed from Skill-Mix's stored runs.
/// Table format: the text between "Here's the grading table:" and "Explanation:" (or the end); the lines holding "|" and
/// neither "--" nor "criteria"; per line the first cell (lower-cased) is a key and the second cell, cleaned to digits, "."
/// and "/", is the number (a fraction's numerator). Keys behave like a dictionary: a repeated key keeps its first position
/// and its last value. A key containing "total" is the total; keys containing "score" are not points; a row whose number
/// is empty is skipped. Point-list format: the first token after each "earned:", a fraction's numerator, with trailing
/// non-digits dropped; unparsable counts 0. Either way the points are padded with 0 or truncated to k + 3.
/// </summary>
public static partial class GradeReplyParser
{
    public const string TableEnd = "Explanation:";

    public static ParsedGrade Parse(string reply, int k)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        var text = reply.Replace("\r\n", "\n", StringComparison.Ordinal);
        var start = text.IndexOf(GradeTable.Header, StringComparison.Ordinal);
        if (start >= 0)
        {
            var (points, total) = ReadTable(text[(start + GradeTable.Header.Length)..]);
            return new ParsedGrade(GradeReplyFormat.Table, Fit(points, k), points.Count, total);
        }
        if (EarnedPattern().IsMatch(text))
        {
            var points = ReadPointList(text);
            return new ParsedGrade(GradeReplyFormat.PointList, Fit(points, k), points.Count, ReadGrade(text));
        }
        return new ParsedGrade(GradeReplyFormat.None, Fit([], k), 0, null);
    }

    /// <summary>Pads with 0 or truncates to the k + 3 points of the rubric.</summary>
    public static IReadOnlyList<double> Fit(IReadOnlyList<double> points, int k)
    {
        var fitted = new double[Rubric.PointCount(k)];
        for (var i = 0; i < fitted.Length && i < points.Count; i++)
        {
            fitted[i] = points[i];
        }
        return fitted;
    }

    private static (List<double> Points, double? Total) ReadTable(string afterHeader)
    {
        var end = afterHeader.IndexOf(TableEnd, StringComparison.Ordinal);
        var table = end >= 0 ? afterHeader[..end] : afterHeader;
        var keys = new List<string>();
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var line in table.Split('\n'))
        {
            if (!line.Contains('|') || line.Contains("--", StringComparison.Ordinal)
                || line.Contains("criteria", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            var cells = Cells(line);
            if (cells.Count < 2 || Number(cells[1]) is not { } value)
            {
                continue;
            }
            var key = cells[0].Trim().ToLowerInvariant();
            if (!values.ContainsKey(key))
            {
                keys.Add(key);
            }
            values[key] = value;
        }
        double? total = null;
        var points = new List<double>();
        foreach (var key in keys)
        {
            if (key.Contains("total", StringComparison.Ordinal))
            {
                total = values[key];
            }
            else if (!key.Contains("score", StringComparison.Ordinal))
            {
                points.Add(values[key]);
            }
        }
        return (points, total);
    }

    /// <summary>The cells of a table line, without the empty ones outside its leading and trailing bars.</summary>
    private static List<string> Cells(string line)
    {
        var cells = line.Split('|').ToList();
        if (cells.Count > 0 && cells[0].Trim().Length == 0)
        {
            cells.RemoveAt(0);
        }
        if (cells.Count > 0 && cells[^1].Trim().Length == 0)
        {
            cells.RemoveAt(cells.Count - 1);
        }
        return cells;
    }

    /// <summary>The cell cleaned to digits, "." and "/", then the numerator of a fraction; null when nothing is left.</summary>
    private static double? Number(string cell)
    {
        var cleaned = new StringBuilder();
        foreach (var c in cell)
        {
            if (char.IsAsciiDigit(c) || c is '.' or '/')
            {
                cleaned.Append(c);
            }
        }
        var numerator = cleaned.ToString().Split('/')[0];
        return double.TryParse(numerator, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;
    }

    private static List<double> ReadPointList(string text)
    {
        var points = new List<double>();
        foreach (Match m in EarnedPattern().Matches(text))
        {
            points.Add(LeadingNumber(m.Groups["token"].Value) ?? 0);
        }
        return points;
    }

    private static double? ReadGrade(string text)
    {
        var matches = GradePattern().Matches(text);
        return matches.Count == 0 ? null : LeadingNumber(matches[^1].Groups["token"].Value);
    }

    /// <summary>A token's number: markdown emphasis removed, a fraction's numerator, trailing non-digits dropped.</summary>
    private static double? LeadingNumber(string token)
    {
        var numerator = token.Trim('*').Split('/')[0];
        var end = numerator.Length;
        while (end > 0 && !char.IsAsciiDigit(numerator[end - 1]))
        {
            end--;
        }
        return double.TryParse(numerator[..end], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;
    }

    [GeneratedRegex(@"earned:[ \t]*(?<token>[^\s]*)", RegexOptions.IgnoreCase)]
    private static partial Regex EarnedPattern();

    [GeneratedRegex(@"\bgrade:[ \t]*(?<token>[^\s]*)", RegexOptions.IgnoreCase)]
    private static partial Regex GradePattern();
}
