using SkillMix.Core.Metrics;

namespace SkillMix.Steps.Report;

/// <summary>Everything the HTML report shows; it reads nothing else.</summary>
/// <param name="Title">The page title (the experiment's name).</param>
/// <param name="Summary">One line under the title (world, seed, teacher, grader, report time).</param>
/// <param name="Models">Model names in table order.</param>
/// <param name="Settings">Evaluation settings in table order.</param>
/// <param name="Cells">The aggregated cells of the results table.</param>
/// <param name="FigureSvg">The FM-against-k figure as SVG, embedded as an image; null for none.</param>
/// <param name="Samples">Every sample with its gradings.</param>
internal sealed record HtmlReportInput(
    string Title,
    string Summary,
    IReadOnlyList<string> Models,
    IReadOnlyList<string> Settings,
    IReadOnlyList<CellResult> Cells,
    byte[]? FigureSvg,
    IReadOnlyList<HtmlSample> Samples);
