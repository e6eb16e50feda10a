namespace SkillMix.Core.Grading;

/// <summary>What one grader reply says.</summary>
/// <param name="Format">How the reply was read.</param>
/// <param name="Points">The k + 3 points in rubric order, already padded with 0 or truncated.</param>
/// <param name="RawPointCount">How many points the reply held before padding or truncation (a sign of a confused grader).</param>
/// <param name="Total">The grader's own total, when it wrote one; never used for metrics.</param>
public sealed record ParsedGrade(GradeReplyFormat Format, IReadOnlyList<double> Points, int RawPointCount, double? Total);
