namespace SkillMix.OfflineWorld.Teaching;

/// <summary>What the teacher knows it wrote: which skills it realized (not slipped), and whether it kept the topic, the
/// grammar and the sentence limit. The grader never sees this; tests compare the grader's verdict with it.</summary>
public sealed record TeacherRecord(IReadOnlyList<bool> Skills, bool Topic, bool Sense, bool Length)
{
    /// <summary>The k + 3 points a perfect grader gives, in rubric order.</summary>
    public IReadOnlyList<int> Points => [.. Skills.Select(b => b ? 1 : 0), Topic ? 1 : 0, Sense ? 1 : 0, Length ? 1 : 0];

    public bool FullMarks => Points.All(p => p == 1);
}
