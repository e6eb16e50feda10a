using System.Globalization;
using SkillMix.Core.Worlds;

namespace SkillMix.Core.Sampling;

/// <summary>
/// P2's uncommon-skills variant: only skills whose occurrence rate in the pretraining corpus is below a maximum (P2: 5% in
/// RedPajama, which removed 17 common skills) are combined, so that a model cannot score by reciting what it saw most.
/// </summary>
public static class UncommonSkills
{
    /// <summary>
    /// The skills of <paramref name="pool"/> whose frequency is strictly below <paramref name="maxFrequency"/>, in pool order.
    /// A skill without a frequency, a maximum outside [0, 1], or fewer than <paramref name="k"/> skills left are errors.
    /// </summary>
    public static IReadOnlyList<Skill> Below(IReadOnlyList<Skill> pool, double maxFrequency, int k, string poolDescription = "skills in the pool")
    {
        if (!Skill.IsFrequency(maxFrequency))
        {
            throw new ArgumentOutOfRangeException(nameof(maxFrequency), maxFrequency,
                "The maximum skill frequency is an occurrence rate from 0 to 1 (P2's uncommon skills: 0.05).");
        }
        var unknown = pool.Where(s => s.Frequency is null).Select(s => s.Name).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException(
                $"A maximum skill frequency needs every skill's frequency, and {unknown.Count} of the {pool.Count} {poolDescription} have none "
                + $"(first: '{unknown[0]}'); give them in the skill file's '{SkillCsv.FrequencyColumn}' column.", nameof(pool));
        }
        var kept = pool.Where(s => s.Frequency < maxFrequency).ToList();
        if (kept.Count < k)
        {
            throw new ArgumentOutOfRangeException(nameof(k), k,
                $"Only {kept.Count} of the {pool.Count} {poolDescription} have a frequency below {maxFrequency.ToString(CultureInfo.InvariantCulture)}, "
                + $"too few for k = {k}; raise the maximum frequency or lower k.");
        }
        return kept;
    }
}
