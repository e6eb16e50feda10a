using System.Globalization;
using System.Text.Json.Nodes;
using SkillMix.Core.Metrics;

namespace SkillMix.Steps.Report;

/// <summary>The agreement between two graders as results.md shows it, as results.json holds it, and as agreement.csv.</summary>
internal static class AgreementText
{
    public static void WriteMarkdown(GraderAgreement agreement, TextWriter w)
    {
        w.WriteLine("## Agreement between graders");
        w.WriteLine();
        w.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Grader {MetricText.TableText(agreement.FirstGrader)} and second grader {MetricText.TableText(agreement.SecondGrader)} on the same {agreement.Generations} student answers."));
        w.WriteLine("Each grader's points of an answer are its majority vote over its gradings; the length point is counted, not graded, so the graders cannot differ on it.");
        w.WriteLine();
        w.WriteLine("| points | Cohen's kappa | 95% interval | observed agreement | ratings |");
        w.WriteLine("|---|---|---|---|---|");
        foreach (var row in GraderAgreement.Rows)
        {
            var e = agreement.Row(row);
            w.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {row} | {Kappa(e.Kappa)} | [{Kappa(e.Lower)}, {Kappa(e.Upper)}] | {MetricText.Percent(double.IsNaN(e.ObservedAgreement) ? null : e.ObservedAgreement)} | {e.Count} |"));
        }
        w.WriteLine();
        w.WriteLine("Kappa is 1 for full agreement and 0 for agreement no better than chance; n/a where both graders gave one and the same label throughout.");
        w.WriteLine();
    }

    public static void WriteCsv(GraderAgreement agreement, TextWriter w)
    {
        w.WriteLine("grader,second_grader,points,kappa,ci_low,ci_high,observed_agreement,ratings,generations");
        foreach (var row in GraderAgreement.Rows)
        {
            var e = agreement.Row(row);
            w.WriteLine(string.Join(",",
                Csv(agreement.FirstGrader), Csv(agreement.SecondGrader), row,
                Number(e.Kappa), Number(e.Lower), Number(e.Upper), Number(e.ObservedAgreement),
                e.Count.ToString(CultureInfo.InvariantCulture), agreement.Generations.ToString(CultureInfo.InvariantCulture)));
        }
    }

    public static JsonObject Json(GraderAgreement agreement)
    {
        var points = new JsonObject();
        foreach (var row in GraderAgreement.Rows)
        {
            var e = agreement.Row(row);
            points[row] = new JsonObject
            {
                ["kappa"] = Value(e.Kappa),
                ["ciLow"] = Value(e.Lower),
                ["ciHigh"] = Value(e.Upper),
                ["observedAgreement"] = Value(e.ObservedAgreement),
                ["ratings"] = e.Count,
            };
        }
        return new JsonObject
        {
            ["grader"] = agreement.FirstGrader,
            ["secondGrader"] = agreement.SecondGrader,
            ["generations"] = agreement.Generations,
            ["points"] = points,
        };
    }

    private static string Kappa(double value) => double.IsNaN(value) ? "n/a" : value.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Number(double value) => double.IsNaN(value) ? "" : value.ToString("0.######", CultureInfo.InvariantCulture);

    // JSON has no NaN: an undefined kappa is null.
    private static JsonNode? Value(double value) => double.IsNaN(value) ? null : Math.Round(value, 6);

    private static string Csv(string text) =>
        text.IndexOfAny([',', '"', '\n']) >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
}
