namespace SkillMix.Core.Records;

/// <summary>One row of a graded records.csv written by Skill-Mix's code.</summary>
/// <param name="Line">The line the row starts on.</param>
/// <param name="K">The number of skills.</param>
/// <param name="Skills">The skill names in rubric order.</param>
/// <param name="Topic">The topic.</param>
/// <param name="GradingPrompt">user_0: the grading request.</param>
/// <param name="Reply">assistant_0: the grader's raw reply.</param>
/// <param name="Points">points_0 as stored (any length; empty means all zeros).</param>
/// <param name="LengthPoint">true_sentence_lim_pt_0: the programmatic length point.</param>
public sealed record P2GradedRow(int Line, int K, IReadOnlyList<string> Skills, string Topic, string GradingPrompt,
    string Reply, IReadOnlyList<double> Points, double LengthPoint);
