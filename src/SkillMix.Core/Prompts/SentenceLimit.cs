namespace SkillMix.Core.Prompts;

/// <summary>The Skill-Mix length limit: at most max(1, k - 1) sentences, which forces skills to share sentences.</summary>
public static class SentenceLimit
{
    private static readonly string[] Words =
    [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty",
    ];

    public static int For(int k) => Math.Max(1, k - 1);

    /// <summary>"one sentence", "two sentences", ...; numbers past twenty are written in digits.</summary>
    public static string InWords(int sentences) =>
        (sentences >= 0 && sentences < Words.Length ? Words[sentences] : sentences.ToString(System.Globalization.CultureInfo.InvariantCulture))
        + (sentences == 1 ? " sentence" : " sentences");

    /// <summary>"1 sentence", "2 sentences", as the rubric's length criterion writes it.</summary>
    public static string InDigits(int sentences) =>
        sentences.ToString(System.Globalization.CultureInfo.InvariantCulture) + (sentences == 1 ? " sentence" : " sentences");

    /// <summary>Reads a count written as a word ("two") or digits ("2").</summary>
    public static bool TryParseCount(string text, out int count)
    {
        var t = text.Trim().ToLowerInvariant();
        var index = Array.IndexOf(Words, t);
        if (index >= 0)
        {
            count = index;
            return true;
        }
        return int.TryParse(t, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out count);
    }
}
