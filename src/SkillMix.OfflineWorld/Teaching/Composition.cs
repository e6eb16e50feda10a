namespace SkillMix.OfflineWorld.Teaching;

/// <summary>The teacher's two answers to one combination: the turn-1 draft and the turn-2 text, with explanations.</summary>
public sealed record Composition(
    string DraftText,
    string DraftExplanation,
    string Text,
    string Explanation,
    TeacherRecord Record)
{
    public string DraftReply => "Answer: " + DraftText + "\nExplanation: " + DraftExplanation;

    public string Reply => "Answer: " + Text + "\nExplanation: " + Explanation;
}
