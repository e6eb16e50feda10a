using System.Text;
using System.Text.RegularExpressions;

namespace SkillMix.OfflineWorld.Language;

/// <summary>
/// Expands clause templates written with word-class placeholders into regular expressions over lower-cased text.
/// "{THING}" becomes a non-capturing alternation of every topic's things; "{THING:x}" captures it as group x. One
/// vocabulary, read from <see cref="Lexicon"/> and <see cref="TopicCatalog"/>, serves the grammar and every checker.
/// </summary>
internal static partial class Patterns
{
    private static readonly Dictionary<string, string> Classes = BuildClasses();

    public static string Expand(string template) => Placeholder().Replace(template, m =>
    {
        var name = m.Groups["class"].Value;
        if (!Classes.TryGetValue(name, out var alternation))
        {
            throw new InvalidOperationException($"Unknown word class {{{name}}} in template \"{template}\".");
        }
        return m.Groups["group"].Success ? $"(?<{m.Groups["group"].Value}>{alternation})" : $"(?:{alternation})";
    });

    /// <summary>A checker's regex: the template expanded, bounded by word edges, matched against lower-cased text.</summary>
    public static Regex Checker(string template) =>
        new(@"(?<![\w])" + Expand(template) + @"(?![\w])", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture);

    private static Dictionary<string, string> BuildClasses()
    {
        var topics = TopicCatalog.All;
        var things = topics.SelectMany(t => t.Things).ToList();
        var classes = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["THING"] = Alt(things),
            ["THINGS"] = Alt(things.Select(Lexicon.Plural)),
            ["AGENT"] = Alt(topics.SelectMany(t => t.Agents)),
            ["ADJ"] = Alt(Lexicon.Adjectives),
            ["LITOTES"] = Alt(Lexicon.LitotesWords),
            ["VT"] = Alt(Lexicon.Verbs.Select(v => v.Third)),
            ["VB"] = Alt(Lexicon.Verbs.Select(v => v.Base)),
            ["HV"] = Alt(Lexicon.HumanVerbs),
            ["IMG"] = Alt(Lexicon.Images),
            ["SOUND"] = Alt(Lexicon.Sounds),
            ["NAME"] = Alt(Lexicon.People.Select(p => p.Name.ToLowerInvariant())),
            ["PRON"] = "she|he",
            ["CONT"] = Alt(Lexicon.Containers),
            ["EMO"] = Alt(Lexicon.Emotions),
            ["CALM"] = Alt(Lexicon.Calming),
            ["OUTBURST"] = Alt(Lexicon.Outbursts),
            ["NUM"] = Alt(Lexicon.Numbers),
            ["OPENER"] = Alt(Lexicon.Openers),
            ["PREP"] = Alt(Lexicon.Prepositions),
            ["EFFECT"] = Alt(Lexicon.Physics.Select(p => p.Effect)),
        };
        classes["NOUN"] = classes["THING"] + "|" + classes["AGENT"];
        classes["PROP"] = $"the (?:{classes["NOUN"]}) is (?:not )?(?:{classes["ADJ"]})";
        classes["CAUSE"] = Alt(Lexicon.Physics.Select(p => string.Format(System.Globalization.CultureInfo.InvariantCulture, p.Cause, "\u0001")))
            .Replace("\u0001", $"(?:{classes["THING"]})", StringComparison.Ordinal);
        return classes;
    }

    /// <summary>An alternation of literal words, longest first so no word is cut short by a prefix of it.</summary>
    private static string Alt(IEnumerable<string> words)
    {
        var sb = new StringBuilder();
        foreach (var w in words.Distinct(StringComparer.Ordinal).OrderByDescending(w => w.Length).ThenBy(w => w, StringComparer.Ordinal))
        {
            if (sb.Length > 0)
            {
                sb.Append('|');
            }
            sb.Append(Regex.Escape(w));
        }
        return sb.ToString();
    }

    [GeneratedRegex(@"\{(?<class>[A-Z]+)(?::(?<group>\w+))?\}")]
    private static partial Regex Placeholder();
}
