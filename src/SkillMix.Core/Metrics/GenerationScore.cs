namespace SkillMix.Core.Metrics;

/// <summary>
/// The three Skill-Mix metrics of one generation, from its voted k + 3 points (k skill points, then topic, sense, length).
/// A point counts as earned when its voted value is at least 1.
/// </summary>
/// <param name="FullMarks">FM: 1 if all k + 3 points are earned, else 0.</param>
/// <param name="AllSkills">AS: 1 if all k skill points are earned and at least 2 of the 3 others, else 0.</param>
/// <param name="SkillsFraction">SF: the fraction of skill points earned if all 3 others are earned, else 0.</param>
public sealed record GenerationScore(double FullMarks, double AllSkills, double SkillsFraction)
{
    public static GenerationScore Of(IReadOnlyList<double> voted, int k)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        if (voted.Count != k + 3)
        {
            throw new ArgumentException($"A generation with k = {k} has {k + 3} points, not {voted.Count}.", nameof(voted));
        }
        var skills = voted.Take(k).Count(p => p >= 1);
        var others = voted.Skip(k).Count(p => p >= 1);
        return new GenerationScore(
            FullMarks: skills == k && others == 3 ? 1 : 0,
            AllSkills: skills == k && others >= 2 ? 1 : 0,
            SkillsFraction: others == 3 ? (double)skills / k : 0);
    }

    /// <summary>The best of several generations of one combination, metric by metric.</summary>
    public static GenerationScore Max(IEnumerable<GenerationScore> scores)
    {
        var list = scores.ToList();
        if (list.Count == 0)
        {
            throw new ArgumentException("A combination needs at least one generation.", nameof(scores));
        }
        return new GenerationScore(list.Max(s => s.FullMarks), list.Max(s => s.AllSkills), list.Max(s => s.SkillsFraction));
    }
}
