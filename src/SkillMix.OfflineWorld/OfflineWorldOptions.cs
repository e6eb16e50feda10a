namespace SkillMix.OfflineWorld;

/// <summary>
/// Which part of the offline world to build. The language (grammar, vocabulary, checkers) is always whole; these choose
/// the skills and topics a world offers, so an experiment can scale the world down.
/// </summary>
/// <param name="Skills">Skill names to keep, in catalog spelling; null keeps every skill.</param>
/// <param name="Topics">Topic names to keep; null keeps every topic.</param>
/// <param name="TopicCount">Keep only the first N topics (after <paramref name="Topics"/>); null keeps them all.</param>
/// <param name="TopicSplitSeed">Seed of the 50/50 topic split (Core's World.Create).</param>
public sealed record OfflineWorldOptions(
    IReadOnlyList<string>? Skills = null,
    IReadOnlyList<string>? Topics = null,
    int? TopicCount = null,
    long TopicSplitSeed = OfflineWorldOptions.DefaultTopicSplitSeed)
{
    public const long DefaultTopicSplitSeed = 2024;

    public static OfflineWorldOptions Default { get; } = new();
}
