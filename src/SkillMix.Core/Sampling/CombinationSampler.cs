using SkillMix.Core.Worlds;

namespace SkillMix.Core.Sampling;

/// <summary>
/// Draws Skill-Mix combinations: for each, k distinct skills uniformly from the skill pool, one topic uniformly from the
/// topic pool, skills in shuffled order; combinations are independent draws. The stream depends only on the seed, k and
/// the pools, so the first N combinations stay the same when more are asked for. With a maximum skill frequency (P2's
/// uncommon skills: occurrence rate under 5%) the skill pool keeps only the skills below it (<see cref="UncommonSkills"/>).
/// </summary>
public static class CombinationSampler
{
    public static IReadOnlyList<Combination> Sample(World world, Pool skills, Pool topics, int k, int count, long seed,
        double? maxSkillFrequency = null)
    {
        var pool = world.SkillsIn(skills);
        var description = $"{skills.ToName()} skills of world '{world.Name}'";
        if (maxSkillFrequency is { } max)
        {
            pool = UncommonSkills.Below(pool, max, k, description);
            description = $"{skills.ToName()} skills of world '{world.Name}' with frequency below {max.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
        }
        return Sample(pool.Select(s => s.Name).ToList(), world.TopicsIn(topics), k, count, seed, description);
    }

    public static IReadOnlyList<Combination> Sample(
        IReadOnlyList<string> skillPool, IReadOnlyList<string> topicPool, int k, int count, long seed, string poolDescription = "skills in the pool")
    {
        if (k < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(k), k, $"k = {k} combines no skills from the {skillPool.Count} {poolDescription}; k must be at least 1.");
        }
        if (k > skillPool.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(k), k,
                $"k = {k} is larger than the {skillPool.Count} {poolDescription}; choose k <= {skillPool.Count}.");
        }
        if (topicPool.Count == 0)
        {
            throw new ArgumentException($"The topic pool drawn with the {poolDescription} is empty.", nameof(topicPool));
        }
        ArgumentOutOfRangeException.ThrowIfNegative(count);

        var rng = SeededRandom.ForStream(seed, "combinations", k);
        var result = new List<Combination>(count);
        var scratch = skillPool.ToArray();
        for (var i = 0; i < count; i++)
        {
            // A partial Fisher-Yates over a fresh copy: a uniform k-subset in uniformly random order.
            for (var c = 0; c < scratch.Length; c++)
            {
                scratch[c] = skillPool[c];
            }
            for (var j = 0; j < k; j++)
            {
                var r = j + rng.NextInt(scratch.Length - j);
                (scratch[j], scratch[r]) = (scratch[r], scratch[j]);
            }
            var topic = rng.Pick(topicPool);
            result.Add(new Combination(i, scratch[..k], topic));
        }
        return result;
    }
}
