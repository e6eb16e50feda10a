using System.Text.RegularExpressions;

namespace SkillMix.OfflineWorld.Language;

/// <summary>Splits a text into sentences at end punctuation followed by white space, as the grammar reads them.</summary>
internal static partial class Sentences
{
    public static IReadOnlyList<string> Split(string text) =>
        Boundary().Split(text.Trim()).Select(s => s.Trim()).Where(s => s.Length > 0).ToList();

    /// <summary>Upper-cases the first letter, as the teacher writes every sentence.</summary>
    public static string Capitalize(string sentence) =>
        sentence.Length == 0 ? sentence : char.ToUpperInvariant(sentence[0]) + sentence[1..];

    [GeneratedRegex(@"(?<=[.?!])\s+")]
    private static partial Regex Boundary();
}
