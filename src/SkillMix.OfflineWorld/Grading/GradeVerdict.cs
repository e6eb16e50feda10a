namespace SkillMix.OfflineWorld.Grading;

/// <summary>The offline grader's points in rubric order (k skills, topic, sense, length) and one reason per point.</summary>
public sealed record GradeVerdict(IReadOnlyList<string> Criteria, IReadOnlyList<int> Points, IReadOnlyList<string> Reasons)
{
    public bool FullMarks => Points.All(p => p == 1);
}
