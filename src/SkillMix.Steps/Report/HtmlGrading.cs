namespace SkillMix.Steps.Report;

/// <summary>One grading of one sample, as the HTML report shows it.</summary>
/// <param name="Grader">The grader's model id.</param>
/// <param name="Repeat">Which grading of the sample by this grader (from 1).</param>
/// <param name="Points">The k + 3 points parsed from the reply, the grader's own length point included.</param>
/// <param name="LengthPoint">The counted length point that replaces the grader's in every metric.</param>
/// <param name="Reply">The grader's raw reply (its table and explanation).</param>
internal sealed record HtmlGrading(string Grader, int Repeat, IReadOnlyList<double> Points, int LengthPoint, string Reply);
