using System.Text;
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
        ["PREP"] = "Z", ["IMGNOUN"] = "I", ["NOUN"] = "[TA]",
    };

    private static readonly Dictionary<string, string> Composite = new(StringComparer.Ordinal)
    {
        ["IMG"] = "(?:a|an) {IMGNOUN}",
        ["PROP"] = "the {NOUN} is (?:not )?{ADJ}",
        ["CAUSE"] = "(?:drops the {THING}|leaves the {THING} in the (?:sun|rain|snow))",
        ["CALM"] = "(?:" + string.Join("|", Lexicon.Calming) + ")",
        ["OUTBURST"] = "(?:" + string.Join("|", Lexicon.Outbursts) + ")",
        ["OPENER"] = "(?:" + string.Join("|", Lexicon.Openers) + ")",
        ["EFFECT"] = "(?:" + string.Join("|", Lexicon.Physics.Select(p => p.Effect)) + ")",
    };

    /// <summary>The sentence with every class word replaced by its symbol; other words and punctuation stay.</summary>
    public static string Lex(string lowerSentence) => Rewrite(lowerSentence, tagged: false);

    /// <summary>
    /// The sentence with every class word prefixed by its symbol ("the T_hive is like a I_drum"): checkers match a class
    /// with a cheap "T_[a-z]+" and still read the word itself.
    /// </summary>
    public static string Tag(string lowerText) => Rewrite(lowerText, tagged: true);

    /// <summary>Removes the tags again, for evidence shown to people.</summary>
    public static string Untag(string taggedText) => TagPrefix().Replace(taggedText, "");

    /// <summary>A clause template as a regular expression over lexed text.</summary>
    public static string Expand(string template)
    {
        var expanded = SpellOutComposites(template);
        // Literal words of a template are lexed like the text, so "quiet" in a template stands for any adjective.
        expanded = Word().Replace(expanded, m => SymbolOfWord.TryGetValue(m.Value, out var symbol) ? symbol : m.Value);
        return Placeholder().Replace(expanded, m => SymbolOf(m.Groups["class"].Value, template));
    }

    /// <summary>A template as a regular expression over tagged text; "{THING:x}" captures the bare word as group x.</summary>
    public static string ExpandTagged(string template)
    {
        var expanded = SpellOutComposites(template);
        expanded = Word().Replace(expanded, m => SymbolOfWord.TryGetValue(m.Value, out var symbol) ? symbol + "_" + m.Value : m.Value);
        return Placeholder().Replace(expanded, m =>
        {
            var symbol = SymbolOf(m.Groups["class"].Value, template);
            return m.Groups["group"].Success ? $"{symbol}_(?<{m.Groups["group"].Value}>[a-z]+)" : symbol + "_[a-z]+";
        });
    }

    /// <summary>One pass over the text, word by word (a regex replace with a callback costs ten times more here).</summary>
    private static string Rewrite(string text, bool tagged)
    {
        var lookup = SymbolOfWord.GetAlternateLookup<ReadOnlySpan<char>>();
        var sb = new StringBuilder(text.Length * 2);
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] is < 'a' or > 'z')
            {
                sb.Append(text[i++]);
                continue;
            }
            var start = i;
            while (i < text.Length && text[i] is >= 'a' and <= 'z')
            {
                i++;
            }
            var word = text.AsSpan(start, i - start);
            if (!lookup.TryGetValue(word, out var symbol))
            {
                sb.Append(word);
            }
            else if (tagged)
            {
                sb.Append(symbol).Append('_').Append(word);
            }
            else
            {
                sb.Append(symbol);
            }
        }
        return sb.ToString();
    }

    private static string SymbolOf(string wordClass, string template) => ClassSymbols.TryGetValue(wordClass, out var s)
        ? s
        : throw new InvalidOperationException($"Unknown word class {{{wordClass}}} in template \"{template}\".");

    private static string SpellOutComposites(string template)
    {
        var expanded = template;
        // Composite placeholders may contain others; two passes resolve every nesting used here.
        for (var pass = 0; pass < 3; pass++)
        {
            expanded = Placeholder().Replace(expanded, m => !Composite.TryGetValue(m.Groups["class"].Value, out var c)
                ? m.Value
                : m.Groups["group"].Success ? $"(?<{m.Groups["group"].Value}>{c})" : c);
        }
        return expanded;
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

    [GeneratedRegex(@"\{(?<class>[A-Z]+)(?::(?<group>\w+))?\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"\b[A-Z]_")]
    private static partial Regex TagPrefix();

    [GeneratedRegex("[a-z]+")]
    private static partial Regex Word();
}
