namespace SkillMix.Experiments.Spec;

/// <summary>
/// Which world an experiment runs in. "offline" is the embedded world (optionally scaled down by
/// <paramref name="SkillCount"/> and <paramref name="TopicCount"/>); "skillmix" reads a Skill-Mix skill CSV
/// (<paramref name="SkillsFile"/>) and a topic list (<paramref name="TopicsFile"/>).
/// </summary>
public sealed record WorldSpec(
    string Name,
    string? SkillsFile,
    string? TopicsFile,
    IReadOnlyList<string> TrainCategories,
    long TopicSplitSeed,
    int SkillCount,
    int TopicCount,
    SpecLocation Location);
