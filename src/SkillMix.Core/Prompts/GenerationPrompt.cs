using System.Text;
using System.Text.RegularExpressions;
using SkillMix.Core.Worlds;

namespace SkillMix.Core.Prompts;

/// <summary>
/// The two-turn generation conversation of Skill-Mix. Turn 1 asks for a minimal natural text on the topic that shows all
/// k skills (their names, then each one's definition and example), the text after "Answer:" and an explanation after
/// "Explanation:". Turn 2 asks to review and improve it so that it shows every skill, stays on the topic and keeps within
/// the sentence limit, written in words. The wording is this project's; <see cref="TemplateVersion"/> enters every cache
/// key, so bump it whenever a character of the wording changes.
/// </summary>
public static partial class GenerationPrompt
{
    public const string TemplateVersion = "generation-v1";

    public const string SystemPrompt = "You are a helpful assistant.";

    public static string Turn1(IReadOnlyList<Skill> skills, string topic)
    {
        var sb = new StringBuilder();
        sb.Append("I would like an example of text that illustrates several language skills at once. ");
        sb.Append("Please write a minimal, natural piece of text about the topic \"").Append(topic)
          .Append("\" that illustrates all of the following skills:\n");
        for (var i = 0; i < skills.Count; i++)
        {
            sb.Append(i + 1).Append(". ").Append(skills[i].Name).Append('\n');
        }
        sb.Append("\nWhat each skill means, with an example:\n");
        foreach (var skill in skills)
        {
            sb.Append("- ").Append(skill.Name).Append(": ").Append(skill.Definition.Trim())
              .Append(" For example: ").Append(skill.Example.Trim()).Append('\n');
        }
        sb.Append("\nKeep the text as short as possible, and make sure every skill can be recognised from the text alone. ");
        sb.Append("Write the text after \"Answer:\", then explain how it illustrates each skill after \"Explanation:\".");
        return sb.ToString();
    }

    public static string Turn2(IReadOnlyList<Skill> skills, string topic, int sentenceLimit) =>
        "Thank you. Now review your answer and improve it: make sure that it illustrates every one of the skills ("
        + string.Join(", ", skills.Select(s => s.Name)) + "), that it is about " + topic
        + ", and that it has at most " + SentenceLimit.InWords(sentenceLimit) + ". "
        + "Write the improved text after \"Answer:\", then the explanation after \"Explanation:\".";

    /// <summary>Recovers the skill names and topic from a turn-1 prompt (the offline teacher reads prompts this way).</summary>
    public static bool TryParseTurn1(string prompt, out IReadOnlyList<string> skills, out string topic)
    {
        skills = [];
        topic = "";
        var topicMatch = TopicPattern().Match(prompt);
        var listStart = prompt.IndexOf(":\n1. ", StringComparison.Ordinal);
        if (!topicMatch.Success || listStart < 0)
        {
            return false;
        }
        topic = topicMatch.Groups["topic"].Value;
        var names = new List<string>();
        foreach (var line in prompt[(listStart + 2)..].Split('\n'))
        {
            var m = NumberedLine().Match(line);
            if (!m.Success || m.Groups["n"].Value != (names.Count + 1).ToString(System.Globalization.CultureInfo.InvariantCulture))
            {
                break;
            }
            names.Add(m.Groups["name"].Value);
        }
        skills = names;
        return names.Count > 0;
    }

    /// <summary>Recovers the sentence limit from a turn-2 prompt.</summary>
    public static bool TryParseTurn2(string prompt, out int sentenceLimit)
    {
        sentenceLimit = 0;
        var m = LimitPattern().Match(prompt);
        return m.Success && SentenceLimit.TryParseCount(m.Groups["count"].Value, out sentenceLimit);
    }

    [GeneratedRegex("about the topic \"(?<topic>[^\"\\n]*)\" that illustrates")]
    private static partial Regex TopicPattern();

    [GeneratedRegex(@"^(?<n>\d+)\. (?<name>.+)$")]
    private static partial Regex NumberedLine();

    [GeneratedRegex(@"has at most (?<count>\w+) sentences?\. Write the improved text")]
    private static partial Regex LimitPattern();
}
