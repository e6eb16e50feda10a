using System.Text.RegularExpressions;
using SkillMix.OfflineWorld.Skills;

namespace SkillMix.OfflineWorld.Language;

/// <summary>
/// The world's grammar, which decides whether a text "makes sense". A sentence is one or more clauses joined by "; " or
/// ", and ", ending with "."; or clauses ending in a question, ending with "?". A clause is one of the plain forms below or
/// one of a skill's forms (near misses included), filled from the closed vocabulary. The words are first lexed into class
/// symbols (<see cref="Symbols"/>), so the grammar is a small regular expression over a short string of symbols. Clauses
/// open with fixed words, so matching seldom backtracks; a match timeout bounds any pathological input anyway.
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

    private static bool Matches(string lowerSentence)
    {
        try
        {
            return SentencePattern.IsMatch(Symbols.Lex(lowerSentence));
        }
        catch (RegexMatchTimeoutException)
        {
            // A sentence the grammar cannot decide in a quarter of a second is no sentence of this world.
            return false;
        }
    }

    private static Regex Build()
    {
        var clauses = PlainForms.Concat(SkillCatalog.All.SelectMany(s => s.Forms)).Select(Symbols.Expand);
        var questions = SkillCatalog.All.SelectMany(s => s.QuestionForms).Select(Symbols.Expand);
        var clause = "(?:" + string.Join("|", clauses) + ")";
        var question = "(?:" + string.Join("|", questions) + ")";
        var pattern = $@"^(?:{clause}{Joiner})*(?:{clause}\.|{question}\?)$";
        return new Regex(pattern, RegexOptions.Compiled | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture,
            TimeSpan.FromMilliseconds(250));
    }
}
