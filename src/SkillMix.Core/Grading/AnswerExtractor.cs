namespace SkillMix.Core.Grading;

/// <summary>
/// The text Skill-Mix grades: what follows the last "Answer:" of the reply and comes before the next "Explanation".
/// A reply with no "Answer:" is taken whole (up to any "Explanation").
/// </summary>
public static class AnswerExtractor
{
    public const string AnswerLabel = "Answer:";
    public const string ExplanationLabel = "Explanation";

    // Markdown around the labels ("**Answer:**", "### Explanation") leaves these at the edges of the text.
    private static readonly char[] LeadingDebris = [' ', '\t', '\n', '*'];
    private static readonly char[] TrailingDebris = [' ', '\t', '\n', '*', '#'];

    public static string Extract(string reply)
    {
        var text = reply.Replace("\r\n", "\n", StringComparison.Ordinal);
        var answer = text.LastIndexOf(AnswerLabel, StringComparison.Ordinal);
        if (answer >= 0)
        {
            text = text[(answer + AnswerLabel.Length)..];
        }
        var explanation = text.IndexOf(ExplanationLabel, StringComparison.Ordinal);
        if (explanation >= 0)
        {
            text = text[..explanation];
        }
        return text.TrimStart(LeadingDebris).TrimEnd(TrailingDebris);
    }
}
