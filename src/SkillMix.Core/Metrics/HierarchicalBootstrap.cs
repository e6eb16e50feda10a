using SkillMix.Core.Sampling;

namespace SkillMix.Core.Metrics;

/// <summary>
/// The bootstrap of a cell measured over several training seeds: the estimate is the mean over seeds of each seed's mean
/// over combinations, and each resample draws the seeds with replacement, then for each drawn seed its combinations with
/// replacement, so the interval carries both the seed-to-seed variance and the sampling of combinations. With one seed it
/// is <see cref="Bootstrap.PercentileInterval"/> to the bit: the combinations are drawn from the same stream in the same
/// order, and the draw of seeds has a stream of its own.
/// </summary>
public static class HierarchicalBootstrap
{
    /// <summary>The mean over seeds of the per-seed means of <paramref name="valuesBySeed"/>.</summary>
    public static double Mean(IReadOnlyList<IReadOnlyList<double>> valuesBySeed)
    {
        Validate(valuesBySeed);
        return valuesBySeed.Average(values => values.Average());
    }

    public static (double Low, double High) PercentileInterval(IReadOnlyList<IReadOnlyList<double>> valuesBySeed,
        int resamples = Bootstrap.DefaultResamples, long seed = Bootstrap.DefaultSeed, double level = 0.95)
    {
        Validate(valuesBySeed);
        ArgumentOutOfRangeException.ThrowIfLessThan(resamples, 1);
        if (level is <= 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(level), level, "The level must be between 0 and 1.");
        }
        // Streams named by the counts only, so the metrics of one cell (same seeds, same combinations) draw the same indices.
        var seeds = SeededRandom.ForStream(seed, "bootstrap-seeds", valuesBySeed.Count);
        var combinations = SeededRandom.ForStream(seed, "bootstrap", valuesBySeed.Sum(values => values.Count));
        var means = new double[resamples];
        for (var b = 0; b < resamples; b++)
        {
            var sumOfSeedMeans = 0.0;
            for (var s = 0; s < valuesBySeed.Count; s++)
            {
                var values = valuesBySeed[seeds.NextInt(valuesBySeed.Count)];
                var sum = 0.0;
                for (var i = 0; i < values.Count; i++)
                {
                    sum += values[combinations.NextInt(values.Count)];
                }
                sumOfSeedMeans += sum / values.Count;
            }
            means[b] = sumOfSeedMeans / valuesBySeed.Count;
        }
        Array.Sort(means);
        var tail = (1 - level) / 2;
        return (Bootstrap.Percentile(means, tail), Bootstrap.Percentile(means, 1 - tail));
    }

    private static void Validate(IReadOnlyList<IReadOnlyList<double>> valuesBySeed)
    {
        if (valuesBySeed.Count == 0 || valuesBySeed.Any(values => values.Count == 0))
        {
            throw new ArgumentException("The hierarchical bootstrap needs at least one seed, each with at least one value.", nameof(valuesBySeed));
        }
    }
}
