namespace SkillMix.Core.Grading;

/// <summary>
/// Skill-Mix's harder variant: a skill earns no point if the answer names it. The name looked for is the skill's name,
/// lower-cased, cut before any "(" and trimmed ("folk physics (common knowledge physics)" is looked for as "folk physics"),
/// searched in the lower-cased answer.
/// </summary>
public static class SkillNameFilter
{
    public static string SearchKey(string skill)
    {
        var lower = skill.ToLowerInvariant();
        var paren = lower.IndexOf('(', StringComparison.Ordinal);
        return (paren >= 0 ? lower[..paren] : lower).Trim();
    }

    public static bool Names(string answer, string skill)
    {
        var key = SearchKey(skill);
        return key.Length > 0 && answer.ToLowerInvariant().Contains(key, StringComparison.Ordinal);
    }

    /// <summary>The points with each skill point the answer names set to 0; skills are in rubric order.</summary>
    public static IReadOnlyList<double> Apply(IReadOnlyList<double> points, IReadOnlyList<string> skills, string answer)
    {
        if (points.Count < skills.Count)
        {
            throw new ArgumentException($"{points.Count} points cannot cover {skills.Count} skills.", nameof(points));
        }
        var filtered = points.ToArray();
        for (var i = 0; i < skills.Count; i++)
        {
            if (Names(answer, skills[i]))
            {
                filtered[i] = 0;
            }
        }
        return filtered;
    }
}
