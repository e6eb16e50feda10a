using SkillMix.Core.Prompts;

namespace SkillMix.Core.Grading;

/// <summary>
/// The k + 3 binary criteria of Skill-Mix, in their fixed order: one per skill, then topic, sense and length.
/// </summary>
public static class Rubric
{
    public static int PointCount(int k) => k + 3;

    public static IReadOnlyList<string> Criteria(IReadOnlyList<string> skills, string topic)
    {
        var criteria = new List<string>(skills.Count + 3);
        criteria.AddRange(skills.Select(SkillCriterion));
        criteria.Add(TopicCriterion(topic));
        criteria.Add(SenseCriterion);
        criteria.Add(LengthCriterion(SentenceLimit.For(skills.Count)));
        return criteria;
    }

    public static string SkillCriterion(string skill) => "Correctly illustrates " + skill;

    public static string TopicCriterion(string topic) => "Pertains to " + topic;

    public const string SenseCriterion = "Text makes sense";

    public static string LengthCriterion(int sentenceLimit) => "At most " + SentenceLimit.InDigits(sentenceLimit);
}
