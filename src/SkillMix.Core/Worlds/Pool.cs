namespace SkillMix.Core.Worlds;

/// <summary>Which side of a world's split a set of skills or topics is drawn from.</summary>
public enum Pool
{
    /// <summary>The skills (by category) and topics used for fine-tuning data.</summary>
    Train,

    /// <summary>The skills and topics never composed in fine-tuning data.</summary>
    HeldOut,

    /// <summary>Both sides together.</summary>
    All,
}
