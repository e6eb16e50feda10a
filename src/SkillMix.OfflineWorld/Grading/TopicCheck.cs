using System.Text.RegularExpressions;
using SkillMix.OfflineWorld.Language;

namespace SkillMix.OfflineWorld.Grading;

/// <summary>
/// A text pertains to a topic when it uses at least one of the topic's own words (its agents and things, in either
/// number) and no word that belongs to another topic.
/// </summary>
internal static partial class TopicCheck
{
    private static readonly Dictionary<string, string> TopicOfWord = BuildIndex();

    public static bool Pertains(string text, string topic, out string reason)
    {
        var own = new SortedSet<string>(StringComparer.Ordinal);
        foreach (Match m in Word().Matches(text.ToLowerInvariant()))
        {
            if (!TopicOfWord.TryGetValue(m.Value, out var owner))
            {
                continue;
            }
            if (owner != topic)
            {
                reason = $"\"{m.Value}\" belongs to {owner}";
                return false;
            }
            own.Add(m.Value);
        }
        reason = own.Count > 0 ? "uses " + string.Join(", ", own) : "uses no word of the topic";
        return own.Count > 0;
    }

    private static Dictionary<string, string> BuildIndex()
    {
        var index = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var topic in TopicCatalog.All)
        {
            foreach (var word in topic.Words)
            {
                index[word] = topic.Name;
                index[Lexicon.Plural(word)] = topic.Name;
            }
        }
        return index;
    }

    [GeneratedRegex("[a-z]+")]
    private static partial Regex Word();
}
