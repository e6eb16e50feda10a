namespace SkillMix.Core.Worlds;

/// <summary>One language skill of a world, as in Skill-Mix's skill file.</summary>
/// <param name="Name">The name exactly as the catalog spells it (trimmed); it is the skill's identity.</param>
/// <param name="Category">The category the split is made by (for example "literary" or "logic").</param>
/// <param name="Definition">What the skill is, shown to the teacher and the grader.</param>
/// <param name="Example">One example of the skill, shown to the teacher and the grader.</param>
/// <param name="Frequency">How common the skill is: its occurrence rate in a pretraining corpus, from 0 to 1 (P2 measured
/// it in RedPajama and kept skills under 5% for its leaderboard); null when not known.</param>
public sealed record Skill(string Name, string Category, string Definition, string Example, double? Frequency = null)
{
    /// <summary>Whether <paramref name="value"/> can be a frequency: a finite number from 0 to 1.</summary>
    public static bool IsFrequency(double value) => double.IsFinite(value) && value is >= 0 and <= 1;
}
