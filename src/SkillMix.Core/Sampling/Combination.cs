namespace SkillMix.Core.Sampling;

/// <summary>One Skill-Mix question: k distinct skills (in the order they are shown) and one topic.</summary>
/// <param name="Index">The combination's position in its sampled list; stable when more combinations are added.</param>
/// <param name="Skills">Skill names, distinct, in prompt order.</param>
/// <param name="Topic">The topic.</param>
public sealed record Combination(int Index, IReadOnlyList<string> Skills, string Topic)
{
    public int K => Skills.Count;

    // Records compare lists by reference; a combination is its contents.
    public bool Equals(Combination? other) =>
        other is not null && Index == other.Index && Topic == other.Topic && Skills.SequenceEqual(other.Skills);

    public override int GetHashCode() => HashCode.Combine(Index, Topic, string.Join("\n", Skills));
}
