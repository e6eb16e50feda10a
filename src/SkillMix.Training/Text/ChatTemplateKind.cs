namespace SkillMix.Training.Text;

/// <summary>How a student sees the user's messages (docs/training.md explains why compact is the tiny student's default).</summary>
public enum ChatTemplateKind
{
    /// <summary>Skill-Mix prompts reduced to what they carry in a fixed world: skill names, topic, sentence limit.</summary>
    Compact,

    /// <summary>Every message verbatim.</summary>
    Full,
}
