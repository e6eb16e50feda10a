using SkillMix.Core.Grading;

namespace SkillMix.Core.Metrics;

/// <summary>
/// One grading of one generation as read from a record file, in a form common to SkillMix's JSONL records and Skill-Mix's
/// records.csv files: enough to compute its final points under any <see cref="AggregateOptions"/>.
/// </summary>
/// <param name="Cell">The cell.</param>
/// <param name="Combination">The combination's identity within the cell.</param>
/// <param name="Generation">Which generation of the combination (1-based).</param>
/// <param name="GradingRepeat">Which grading of the generation (1-based).</param>
/// <param name="Skills">The skills in rubric order.</param>
/// <param name="Answer">The graded text, when the records hold it (needed by the name filter).</param>
/// <param name="StoredPoints">The points as stored (any length; fitted to k + 3 here).</param>
/// <param name="LengthPoint">The programmatic length point that replaces the grader's.</param>
/// <param name="Reply">The raw grader reply.</param>
/// <param name="File">The record file.</param>
/// <param name="Line">The line the record starts on.</param>
public sealed record GradingEvidence(
    CellKey Cell,
    string Combination,
    int Generation,
    int GradingRepeat,
    IReadOnlyList<string> Skills,
    string? Answer,
    IReadOnlyList<double> StoredPoints,
    double LengthPoint,
    string Reply,
    string File,
    int Line)
{
    /// <summary>A grading record of SkillMix's JSONL, read from <paramref name="file"/> at <paramref name="line"/>.</summary>
    public static GradingEvidence Of(Records.GradingRecord g, string file, int line) => new(
        new CellKey(g.Generator, g.Grader, g.Setting, g.K),
        $"{g.World}/{g.SkillPool}/{g.TopicPool}/s{g.Seed}/{g.Combination}",
        g.GenerationRepeat, g.GradingRepeat, g.Skills, g.Answer, g.Points, g.LengthPoint, g.Reply, file, line);

    /// <summary>
    /// The final points: stored (or re-parsed) points fitted to k + 3, the last one overwritten by the counted length point,
    /// and skill points withdrawn by the name filter when asked.
    /// </summary>
    public IReadOnlyList<double> FinalPoints(AggregateOptions options)
    {
        var k = Cell.K;
        var points = (options.Reparse ? GradeReplyParser.Parse(Reply, k).Points : GradeReplyParser.Fit(StoredPoints, k)).ToArray();
        points[^1] = LengthPoint;
        if (!options.NameFilter)
        {
            return points;
        }
        if (Answer is null)
        {
            throw new SkillMixDataException(File, Line,
                "the name filter needs the graded text, and this record does not hold it (for Skill-Mix's records.csv, the "
                + "generation records.csv of the run must sit two folders above the graded one).");
        }
        return SkillNameFilter.Apply(points, Skills, Answer);
    }
}
