using System.Text.RegularExpressions;

namespace SkillMix.OfflineWorld.Language;

/// <summary>
/// Lexes the world's words into one-letter class symbols ("the hive is like a drum" reads "the T is like a I"), so the
/// grammar is a small regular expression over symbols instead of a huge one over words. Word classes must be disjoint;
/// building the table fails on a word that belongs to two.
/// </summary>
internal static partial class Symbols
{
    private static readonly Dictionary<string, string> SymbolOfWord = BuildTable();

    /// <summary>Word classes and their symbols; composite placeholders are spelled out in <see cref="Composite"/>.</summary>
    private static readonly Dictionary<string, string> ClassSymbols = new(StringComparer.Ordinal)
    {
        ["THING"] = "T", ["THINGS"] = "P", ["AGENT"] = "A", ["ADJ"] = "J", ["LITOTES"] = "L", ["VT"] = "V", ["VB"] = "B",
        ["HV"] = "H", ["SOUND"] = "S", ["NAME"] = "N", ["PRON"] = "R", ["CONT"] = "C", ["EMO"] = "E", ["NUM"] = "U",
        ["PREP"] = "Z", ["IMGNOUN"] = "I",
    };

    private static readonly Dictionary<string, string> Composite = new(StringComparer.Ordinal)
    {
        ["NOUN"] = "(?:{THING}|{AGENT})",
        ["IMG"] = "(?:a|an) {IMGNOUN}",
        ["PROP"] = "the (?:{THING}|{AGENT}) is (?:not )?{ADJ}",
        ["CAUSE"] = "(?:drops the {THING}|leaves the {THING} in the (?:sun|rain|snow))",
        ["CALM"] = "(?:" + string.Join("|", Lexicon.Calming) + ")",
        ["OUTBURST"] = "(?:" + string.Join("|", Lexicon.Outbursts) + ")",
        ["OPENER"] = "(?:" + string.Join("|", Lexicon.Openers) + ")",
        ["EFFECT"] = "(?:" + string.Join("|", Lexicon.Physics.Select(p => p.Effect)) + ")",
    };

    /// <summary>The sentence with every class word replaced by its symbol; other words and punctuation stay.</summary>
    public static string Lex(string lowerSentence) =>
        Word().Replace(lowerSentence, m => SymbolOfWord.TryGetValue(m.Value, out var symbol) ? symbol : m.Value);

    /// <summary>A clause template as a regular expression over lexed text.</summary>
    public static string Expand(string template)
    {
        var expanded = template;
        // Composite placeholders may contain others; two passes resolve every nesting used here.
        for (var pass = 0; pass < 3; pass++)
        {
            expanded = Placeholder().Replace(expanded, m => Composite.TryGetValue(m.Groups["class"].Value, out var c) ? c : m.Value);
        }
        // Literal words of a template are lexed like the text, so "quiet" in a template stands for any adjective.
        expanded = Word().Replace(expanded, m => SymbolOfWord.TryGetValue(m.Value, out var symbol) ? symbol : m.Value);
        return Placeholder().Replace(expanded, m => ClassSymbols.TryGetValue(m.Groups["class"].Value, out var s)
            ? s
            : throw new InvalidOperationException($"Unknown word class {{{m.Groups["class"].Value}}} in template \"{template}\"."));
    }

    private static Dictionary<string, string> BuildTable()
    {
        var table = new Dictionary<string, string>(StringComparer.Ordinal);
        void Add(IEnumerable<string> words, string symbol)
        {
            foreach (var word in words)
            {
                if (table.TryGetValue(word, out var existing) && existing != symbol)
                {
                    throw new InvalidOperationException($"The word '{word}' is in two word classes ({existing} and {symbol}).");
                }
                table[word] = symbol;
            }
        }
        var topics = TopicCatalog.All;
        Add(topics.SelectMany(t => t.Things), "T");
        Add(topics.SelectMany(t => t.Things).Select(Lexicon.Plural), "P");
        Add(topics.SelectMany(t => t.Agents), "A");
        Add(Lexicon.Adjectives, "J");
        Add(Lexicon.LitotesWords, "L");
        Add(Lexicon.Verbs.Select(v => v.Third), "V");
        Add(Lexicon.Verbs.Select(v => v.Base), "B");
        Add(Lexicon.HumanVerbs, "H");
        Add(Lexicon.Sounds, "S");
        Add(Lexicon.People.Select(p => p.Name.ToLowerInvariant()), "N");
        Add(["she", "he"], "R");
        Add(Lexicon.Containers, "C");
        Add(Lexicon.Emotions, "E");
        Add(Lexicon.Numbers, "U");
        Add(Lexicon.Prepositions, "Z");
        Add(Lexicon.Images.Select(i => i[(i.IndexOf(' ', StringComparison.Ordinal) + 1)..]), "I");
        return table;
    }

    [GeneratedRegex(@"\{(?<class>[A-Z]+)\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex("[a-z]+")]
    private static partial Regex Word();
}
