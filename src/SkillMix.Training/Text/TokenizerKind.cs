namespace SkillMix.Training.Text;

/// <summary>What one token of the tiny student is (docs/training.md explains the choice).</summary>
public enum TokenizerKind
{
    /// <summary>Whole words (with the space before them) from a closed vocabulary, every character as a fallback: the
    /// offline world's language has a few hundred words, so the student spends its budget on grammar, topic and skill
    /// rather than on spelling, and a text is about four times fewer tokens.</summary>
    Word,

    /// <summary>One token per character: any text, no vocabulary to learn, but every word must be spelt.</summary>
    Char,
}
