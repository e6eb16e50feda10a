using SkillMix.Steps.Report;
using SkillMix.Core.Records;

namespace SkillMix.Steps.Tests.Report;

/// <summary>
/// Two graders of the same three k = 1 answers, with every kappa worked out by hand below. Points are in rubric order:
/// skill, topic, sense, length (the length point is counted, so both graders' records carry the same one).
/// </summary>
public sealed class GraderAgreementTests
{
    // Answer 1: grader A's three gradings vote (1,1,1,1); answer 2: A gives (0,1,0), B gives (1,0,0).
    private static readonly (int Generation, double[] Points)[] FirstGrader =
    [
        (1, [1, 1, 1, 0]), (1, [1, 1, 0, 0]), (1, [0, 1, 1, 0]),
        (2, [0, 1, 0, 0]),
    ];

    private static readonly (int Generation, double[] Points)[] SecondGrader =
    [
        (1, [1, 1, 1, 0]),
        (2, [1, 0, 0, 0]),
    ];

    [Fact]
    public void Kappa_per_point_and_overall_is_that_of_the_voted_points()
    {
        using var folder = new TempFolder();
        var agreement = Compute(folder);

        Assert.Equal("offline-grader-1", agreement.FirstGrader);
        Assert.Equal("claude-test", agreement.SecondGrader);
        Assert.Equal(2, agreement.Generations);
        // All 8 pairs: (1,1) x4 for answer 1; (0,1) (1,0) (0,0) (1,1) for answer 2. p_o = 6/8; each grader has six 1s,
        // so p_e = (6/8)^2 + (2/8)^2 = 40/64, and kappa = (48/64 - 40/64) / (24/64) = 1/3.
        Assert.Equal(1.0 / 3, agreement.Agreement.Overall.Kappa, 12);
        Assert.Equal(0.75, agreement.Agreement.Overall.ObservedAgreement, 12);
        Assert.Equal(8, agreement.Agreement.Overall.Count);
        // Skill: (1,1) (0,1): p_o = 1/2, p_e = 1/2 * 1 = 1/2, kappa 0. Topic: (1,1) (1,0): the same by symmetry.
        Assert.Equal(0, agreement.Row("skills").Kappa, 12);
        Assert.Equal(0, agreement.Row("topic").Kappa, 12);
        // Sense: (1,1) (0,0): p_o = 1, p_e = 1/4 + 1/4, kappa 1. Length: always (1,1), so kappa is undefined.
        Assert.Equal(1, agreement.Row("sense").Kappa, 12);
        Assert.True(double.IsNaN(agreement.Row("length").Kappa));
    }

    [Fact]
    public void The_report_shows_the_table_in_markdown_json_and_csv()
    {
        using var folder = new TempFolder();
        var agreement = Compute(folder);

        using var markdown = new StringWriter();
        AgreementText.WriteMarkdown(agreement, markdown);
        Assert.Contains("## Agreement between graders", markdown.ToString(), StringComparison.Ordinal);
        Assert.Contains("| all | 0.33 | [", markdown.ToString(), StringComparison.Ordinal);
        Assert.Contains("| sense | 1.00 | [", markdown.ToString(), StringComparison.Ordinal);
        Assert.Contains("| length | n/a | [n/a, n/a] | 100.0% | 2 |", markdown.ToString(), StringComparison.Ordinal);

        using var csv = new StringWriter();
        AgreementText.WriteCsv(agreement, csv);
        var lines = csv.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(6, lines.Length);
        Assert.StartsWith("offline-grader-1,claude-test,all,0.333333,", lines[1], StringComparison.Ordinal);
        Assert.Equal("offline-grader-1,claude-test,length,,,,1,2,2", lines[5]);

        var json = AgreementText.Json(agreement);
        Assert.Null(json["points"]!["length"]!["kappa"]);
        Assert.Equal(1.0, json["points"]!["sense"]!["kappa"]!.GetValue<double>());
    }

    [Fact]
    public void Gradings_of_different_answers_are_refused()
    {
        using var folder = new TempFolder();
        Write(folder.File("a"), "offline-grader-1", FirstGrader);
        Write(folder.File("b"), "claude-test", [(1, [1, 1, 1, 0]), (3, [1, 0, 0, 0])]);
        var error = Assert.Throws<InvalidDataException>(() => GraderAgreement.Compute([(folder.File("a"), folder.File("b"))], 1));
        Assert.Contains("not of the same generations", error.Message, StringComparison.Ordinal);
    }

    private static GraderAgreement Compute(TempFolder folder)
    {
        Write(folder.File("a"), "offline-grader-1", FirstGrader);
        Write(folder.File("b"), "claude-test", SecondGrader);
        return GraderAgreement.Compute([(folder.File("a"), folder.File("b"))], seed: 7);
    }

    private static void Write(string directory, string grader, (int Generation, double[] Points)[] gradings)
    {
        Directory.CreateDirectory(directory);
        var records = gradings.Select((g, i) => (SkillMixRecord)new GradingRecord(
            SkillMixRecord.SchemaVersion, "held-out", "offline", "id", "held-out", "held-out", 1, 3, 0, g.Generation,
            1 + gradings.Take(i).Count(p => p.Generation == g.Generation), ["metaphor"], "Sewing", "student-1", grader,
            "1", "system", "prompt", "reply", "A needle is a spear.", g.Points, 1, LengthPoint: 1));
        JsonlRecords.Write(Path.Combine(directory, "gradings.jsonl"), records);
    }
}
