using System.Text.RegularExpressions;

namespace SkillMix.Core.Grading;

/// <summary>
/// The programmatic sentence count that replaces the grader's length point, following Skill-Mix's official counter:
/// the space after Mr./Mrs./Ms./Dr./Prof. is removed, then the text is split at end punctuation (. ! ?) followed by
/// optional quotes, one whitespace character, optional quotes and a capital letter.
/// </summary>
public static partial class SentenceCounter
{
    public static int Count(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return 0;
        }
        var joined = TitlePattern().Replace(text.Trim(), "$1");
        return Boundary().Split(joined).Count(s => !string.IsNullOrWhiteSpace(s));
    }

    /// <summary>The length point: 1 if the answer has at most max(1, k - 1) sentences.</summary>
    public static int LengthPoint(string answer, int k) => Count(answer) <= Prompts.SentenceLimit.For(k) ? 1 : 0;

    [GeneratedRegex(@"\b(Mr\.|Mrs\.|Ms\.|Dr\.|Prof\.)\s")]
    private static partial Regex TitlePattern();

    [GeneratedRegex("(?<=[.!?][\"'\u201C\u201D\u2018\u2019]*)\\s(?=[\"'\u201C\u201D\u2018\u2019]*[A-Z])")]
    private static partial Regex Boundary();
}
