namespace SkillMix.Training.Text;

/// <summary>
/// A conversation a student is fine-tuned on, for Skill-Mix two turns: user 1, assistant 1, user 2, assistant 2. The
/// loss falls on the assistant turns only.
/// </summary>
public sealed record Conversation(IReadOnlyList<ConversationTurn> Turns)
{
    // Records compare lists by reference; a conversation is its turns.
    public bool Equals(Conversation? other) => other is not null && Turns.SequenceEqual(other.Turns);

    public override int GetHashCode() => Turns.Aggregate(0, HashCode.Combine);
}
