using System.Text;
using System.Text.RegularExpressions;
using SkillMix.Core.Prompts;
using SkillMix.Core.Worlds;

namespace SkillMix.Core.Grading;

/// <summary>
/// The grading request: the text, the skills with definitions and examples, the topic, and the k + 3 criteria of
/// <see cref="Rubric"/>, answered with a table introduced by "Here's the grading table:" (columns Criteria | Points Earned,
/// a final "Total Points Earned" row), then "Explanation:". <see cref="TemplateVersion"/> enters every cache key.
/// </summary>
public static partial class GradingPrompt
{
    public const string TemplateVersion = "grading-v1";

    public const string SystemPrompt = "You are a careful and strict grader.";

    private const string TextStart = "<<<TEXT";
    private const string TextEnd = "TEXT>>>";

    public static string Build(IReadOnlyList<Skill> skills, string topic, string text)
    {
        var names = skills.Select(s => s.Name).ToList();
        var criteria = Rubric.Criteria(names, topic);
        var sb = new StringBuilder();
        sb.Append("Please grade the text below. It was written to illustrate the skills ")
          .Append(string.Join(", ", names)).Append(" in the context of ").Append(topic)
          .Append(", in at most ").Append(SentenceLimit.InWords(SentenceLimit.For(skills.Count))).Append(".\n\n");
        sb.Append("What each skill means, with an example:\n");
        foreach (var skill in skills)
        {
            sb.Append("- ").Append(skill.Name).Append(": ").Append(skill.Definition.Trim())
              .Append(" For example: ").Append(skill.Example.Trim()).Append('\n');
        }
        sb.Append("\nThe text, between the markers ").Append(TextStart).Append(" and ").Append(TextEnd).Append(":\n");
        sb.Append(TextStart).Append('\n').Append(text).Append('\n').Append(TextEnd).Append("\n\n");
        sb.Append("Give 1 point for each criterion the text meets and 0 otherwise:\n");
        for (var i = 0; i < criteria.Count; i++)
        {
            sb.Append(i + 1).Append(". ").Append(criteria[i]).Append('\n');
        }
        sb.Append('\n').Append("Answer with the grading table, introduced by \"").Append(GradeTable.Header)
          .Append("\", with the columns Criteria | Points Earned, one row per criterion in the order above and a last row ")
          .Append("\"Total Points Earned\". Then write \"Explanation:\" and explain each point.");
        return sb.ToString();
    }

    /// <summary>What a grading prompt asks about, recovered from its text (the offline grader reads prompts this way).</summary>
    public sealed record Request(IReadOnlyList<string> Skills, string Topic, int SentenceLimit, string Text);

    public static bool TryParse(string prompt, out Request request)
    {
        request = new Request([], "", 0, "");
        var start = prompt.IndexOf(TextStart + "\n", StringComparison.Ordinal);
        var end = prompt.LastIndexOf("\n" + TextEnd, StringComparison.Ordinal);
        if (start < 0 || end < start + TextStart.Length)
        {
            return false;
        }
        var text = prompt[(start + TextStart.Length + 1)..end];
        var after = prompt[(end + TextEnd.Length + 1)..];
        var skills = new List<string>();
        string? topic = null;
        var limit = 0;
        foreach (Match m in CriterionLine().Matches(after))
        {
            var criterion = m.Groups["c"].Value;
            if (criterion.StartsWith("Correctly illustrates ", StringComparison.Ordinal) && topic is null)
            {
                skills.Add(criterion["Correctly illustrates ".Length..]);
            }
            else if (criterion.StartsWith("Pertains to ", StringComparison.Ordinal))
            {
                topic = criterion["Pertains to ".Length..];
            }
            else if (LengthCriterion().Match(criterion) is { Success: true } lm)
            {
                limit = int.Parse(lm.Groups["n"].Value, System.Globalization.CultureInfo.InvariantCulture);
            }
        }
        if (skills.Count == 0 || topic is null || limit == 0)
        {
            return false;
        }
        request = new Request(skills, topic, limit, text);
        return true;
    }

    [GeneratedRegex(@"^\d+\. (?<c>.+)$", RegexOptions.Multiline)]
    private static partial Regex CriterionLine();

    [GeneratedRegex(@"^At most (?<n>\d+) sentences?$")]
    private static partial Regex LengthCriterion();
}
