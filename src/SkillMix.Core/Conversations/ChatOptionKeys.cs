namespace SkillMix.Core.Conversations;

/// <summary>
/// Keys SkillMix puts into <see cref="Microsoft.Extensions.AI.ChatOptions.AdditionalProperties"/> so that they reach every
/// chat client in the pipeline (call cache, recorder, backend).
/// </summary>
public static class ChatOptionKeys
{
    /// <summary>
    /// The repeat index of a call (an int, 1-based): the 1st, 2nd, 3rd grading of one text, or the 1st..Gth generation of one
    /// combination. Otherwise identical calls differ only by it, so a call cache must make it part of its key.
    /// </summary>
    public const string Repeat = "skillmix.repeat";
}
