using System.Text.RegularExpressions;
using SkillMix.OfflineWorld.Skills;

namespace SkillMix.OfflineWorld.Language;

/// <summary>
/// The world's grammar, which decides whether a text "makes sense". A sentence is one or more clauses joined by "; " or
/// ", and ", ending with "."; or clauses ending in a question, ending with "?". A clause is one of the plain forms below or
/// one of a skill's forms (near misses included), filled from the closed vocabulary. The words are first lexed into class
/// symbols (<see cref="Symbols"/>), so the grammar is a small regular expression over a short string of symbols. Clauses
/// open with fixed words, so matching seldom backtracks, and a sentence longer than 400 characters is no sentence of the
/// world (it is refused before matching); there is no match timeout, because a verdict must never depend on the
/// machine's load.
/// </summary>
internal static partial class Grammar
{
    /// <summary>Clauses that show no skill: the plain talk of every topic.</summary>
    public static readonly IReadOnlyList<string> PlainForms =
    [
        "the {NOUN} is (?:not )?{ADJ}",
        "the {AGENT} {VT} the {THING}(?: with care| every week| at dawn)?",
        "{NAME} {VT} the {THING}",
    ];

    /// <summary>
    /// Room for three of the longest clauses in one sentence; under the limit max(1, k - 1) the teacher joins at most two.
    /// </summary>
    private const int MaxSentenceLength = 400;

    private const string Joiner = "(?:; |, and )";

    private static readonly Regex SentencePattern = Build();

    /// <summary>True when every sentence of the text is well formed: capitalized, grammatical, properly ended.</summary>
    public static bool IsWellFormed(string text, out string? problem)
    {
        var sentences = Sentences.Split(text);
        if (sentences.Count == 0)
        {
            problem = "the text is empty";
            return false;
        }
        for (var i = 0; i < sentences.Count; i++)
        {
            var sentence = sentences[i];
            if (!char.IsUpper(sentence[0]))
            {
                problem = $"sentence {i + 1} does not start with a capital letter";
                return false;
            }
            if (!Matches(sentence.ToLowerInvariant()))
            {
                problem = $"sentence {i + 1} is not well formed";
                return false;
            }
        }
        problem = null;
        return true;
    }

    private static bool Matches(string lowerSentence) =>
        lowerSentence.Length <= MaxSentenceLength && SentencePattern.IsMatch(Symbols.Lex(lowerSentence));

    private static Regex Build()
    {
        var clauses = PlainForms.Concat(SkillCatalog.All.SelectMany(s => s.Forms)).Select(Symbols.Expand);
        var questions = SkillCatalog.All.SelectMany(s => s.QuestionForms).Select(Symbols.Expand);
        var clause = "(?:" + string.Join("|", clauses) + ")";
        var question = "(?:" + string.Join("|", questions) + ")";
        var pattern = $@"^(?:{clause}{Joiner})*(?:{clause}\.|{question}\?)$";
        return new Regex(pattern, RegexOptions.Compiled | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture);
    }
}
