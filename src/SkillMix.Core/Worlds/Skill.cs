namespace SkillMix.Core.Worlds;

/// <summary>One language skill of a world, as in Skill-Mix's skill file.</summary>
/// <param name="Name">The name exactly as the catalog spells it (trimmed); it is the skill's identity.</param>
/// <param name="Category">The category the split is made by (for example "literary" or "logic").</param>
/// <param name="Definition">What the skill is, shown to the teacher and the grader.</param>
/// <param name="Example">One example of the skill, shown to the teacher and the grader.</param>
public sealed record Skill(string Name, string Category, string Definition, string Example);
