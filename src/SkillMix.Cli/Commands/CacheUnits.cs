using System.Globalization;
using System.Text.RegularExpressions;

namespace SkillMix.Cli.Commands;

/// <summary>Sizes and ages as the cache commands read and print them: "10G", "500MiB", "30d", "12h".</summary>
internal static partial class CacheUnits
{
    // Sizes use powers of 1024 whatever the spelling (K, KB, KiB): a cache budget is not a disk label.
    private static readonly Dictionary<string, long> SizeUnits = new(StringComparer.OrdinalIgnoreCase)
    {
        [""] = 1, ["B"] = 1,
        ["K"] = 1L << 10, ["KB"] = 1L << 10, ["KiB"] = 1L << 10,
        ["M"] = 1L << 20, ["MB"] = 1L << 20, ["MiB"] = 1L << 20,
        ["G"] = 1L << 30, ["GB"] = 1L << 30, ["GiB"] = 1L << 30,
        ["T"] = 1L << 40, ["TB"] = 1L << 40, ["TiB"] = 1L << 40,
    };

    private static readonly Dictionary<string, TimeSpan> AgeUnits = new(StringComparer.OrdinalIgnoreCase)
    {
        ["s"] = TimeSpan.FromSeconds(1), ["m"] = TimeSpan.FromMinutes(1), ["h"] = TimeSpan.FromHours(1),
        ["d"] = TimeSpan.FromDays(1), ["w"] = TimeSpan.FromDays(7),
    };

    public static bool TryParseSize(string text, out long bytes)
    {
        bytes = 0;
        var match = Quantity().Match(text.Trim());
        if (!match.Success || !SizeUnits.TryGetValue(match.Groups["unit"].Value, out var unit))
        {
            return false;
        }
        var value = double.Parse(match.Groups["number"].Value, CultureInfo.InvariantCulture) * unit;
        if (value > long.MaxValue)
        {
            return false;
        }
        bytes = (long)value;
        return true;
    }

    public static bool TryParseAge(string text, out TimeSpan age)
    {
        age = TimeSpan.Zero;
        var match = Quantity().Match(text.Trim());
        if (!match.Success || !AgeUnits.TryGetValue(match.Groups["unit"].Value, out var unit))
        {
            return false;
        }
        var value = double.Parse(match.Groups["number"].Value, CultureInfo.InvariantCulture);
        if (value * unit.TotalDays > 100 * 365)
        {
            return false;
        }
        age = unit * value;
        return true;
    }

    public static string FormatSize(long bytes)
    {
        string[] units = ["B", "KiB", "MiB", "GiB", "TiB"];
        double value = bytes;
        var i = 0;
        while (value >= 1024 && i < units.Length - 1)
        {
            value /= 1024;
            i++;
        }
        return i == 0
            ? $"{bytes} B"
            : string.Create(CultureInfo.InvariantCulture, $"{value:0.0} {units[i]}");
    }

    public static string FormatTime(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^(?<number>\d+(\.\d+)?)\s*(?<unit>[A-Za-z]*)$")]
    private static partial Regex Quantity();
}
