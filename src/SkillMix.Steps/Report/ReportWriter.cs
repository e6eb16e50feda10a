using SkillMix.Core.Text;

namespace SkillMix.Steps.Report;

/// <summary>
/// The Report step's writer: results.md, results.csv, results.json, fm-vs-k.png, fm-vs-k.svg and provenance.json from one
/// <see cref="ReportInput"/>. The input is checked before anything is written, every file is written atomically, and the
/// same input gives the same bytes.
/// </summary>
internal static class ReportWriter
{
    public const string Markdown = "results.md";
    public const string Csv = "results.csv";
    public const string Json = "results.json";
    public const string FigurePng = "fm-vs-k.png";
    public const string FigureSvg = "fm-vs-k.svg";
    public const string Provenance = "provenance.json";
    public const string AgreementCsv = "agreement.csv";

    /// <summary>The files <see cref="Write"/> creates, in the order it writes them, besides agreement.csv when there is a second grader.</summary>
    public static IReadOnlyList<string> Files { get; } = [Markdown, Csv, Json, FigurePng, FigureSvg, Provenance];

    public static void Write(ReportInput input, string outputDirectory)
    {
        var grid = ResultsGrid.Build(input);
        // Rendered before any file is touched, so a failing renderer leaves the previous report whole.
        var png = FmFigure.Png(grid);
        var svg = FmFigure.Svg(grid);
        Directory.CreateDirectory(outputDirectory);
        AtomicFile.Write(Path.Combine(outputDirectory, Markdown), w => MarkdownResults.Write(grid, w));
        AtomicFile.Write(Path.Combine(outputDirectory, Csv), w => CsvResults.Write(grid, w));
        AtomicFile.Write(Path.Combine(outputDirectory, Json), w => ResultsJson.Write(grid, w));
        AtomicFile.WriteAllBytes(Path.Combine(outputDirectory, FigurePng), png);
        AtomicFile.WriteAllBytes(Path.Combine(outputDirectory, FigureSvg), svg);
        AtomicFile.Write(Path.Combine(outputDirectory, Provenance), w => ProvenanceJson.Write(grid, w));
        if (input.Agreement is { } agreement)
        {
            AtomicFile.Write(Path.Combine(outputDirectory, AgreementCsv), w => AgreementText.WriteCsv(agreement, w));
        }
    }
}
