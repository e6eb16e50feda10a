using System.Globalization;

namespace SkillMix.Steps.Report;

/// <summary>The report time as every file writes it: UTC, ISO 8601, to the second.</summary>
internal static class ReportTime
{
    public static string Format(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
