namespace SkillMix.Models;

/// <summary>
/// Keys a step puts in ChatOptions.AdditionalProperties to tell the call store what the messages alone do not say.
/// </summary>
public static class ChatOptionKeys
{
    /// <summary>
    /// Which repetition of the same request this is (the 1st, 2nd or 3rd grading of one text): without it the store would
    /// answer the 2nd and 3rd gradings with the 1st.
    /// </summary>
    public const string Repeat = "skillmix.repeat";

    /// <summary>The version of the prompt template that produced the messages, so a template change is a new call.</summary>
    public const string TemplateVersion = "skillmix.template";
}
