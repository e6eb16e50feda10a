using System.Globalization;

namespace SkillMix.Steps.Report;

/// <summary>The HTML report's input from the results report's input, its samples and the figure already written beside it.</summary>
internal static class HtmlReportInputs
{
    public static HtmlReportInput From(ReportInput report, IReadOnlyList<HtmlSample> samples, string reportDirectory)
    {
        var svg = Path.Combine(reportDirectory, ReportWriter.FigureSvg);
        var summary = string.Create(CultureInfo.InvariantCulture,
            $"World {report.World} ({report.WorldIdentity[..Math.Min(12, report.WorldIdentity.Length)]}), seed {report.Seed}; teacher {report.Teacher}, "
            + $"grader {report.Grader}, base student {report.Student}; made {report.ReportTime.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}.");
        return new HtmlReportInput(report.Experiment, summary, report.Models, [.. report.Evaluations.Select(e => e.Name)], report.Cells,
            File.Exists(svg) ? File.ReadAllBytes(svg) : null, samples);
    }
}
