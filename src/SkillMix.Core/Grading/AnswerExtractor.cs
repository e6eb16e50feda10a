namespace SkillMix.Core.Grading;

/// <summary>
/// The text Skill-Mix grades: what follows the last "Answer:" of the reply and comes before the next "Explanation".
/// A reply with no "Answer:" is taken whole (up to any "Explanation").
/// </summary>
public static class AnswerExtractor
{
    public static string Extract(string reply)
    {
        var text = reply.Replace("\r\n", "\n", StringComparison.Ordinal);
        var answer = text.LastIndexOf("Answer:", StringComparison.Ordinal);
        if (answer >= 0)
        {
            text = text[(answer + "Answer:".Length)..];
        }
        var explanation = text.IndexOf("Explanation", StringComparison.Ordinal);
        if (explanation >= 0)
        {
            text = text[..explanation];
        }
        // Markdown emphasis around the labels ("**Answer:**") leaves stray asterisks at the edges.
        return text.Trim().Trim('*').Trim();
    }
}
