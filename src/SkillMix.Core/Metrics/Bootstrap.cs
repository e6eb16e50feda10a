using SkillMix.Core.Sampling;

namespace SkillMix.Core.Metrics;

/// <summary>
/// The percentile bootstrap of a mean: draw n values with replacement, <see cref="DefaultResamples"/> times, and take the
/// 2.5th and 97.5th percentiles of the resampled means (linear interpolation between order statistics, numpy's default).
/// Draws come from <see cref="SeededRandom"/>, so an interval is the same on every machine; resampling the same number of
/// values with the same seed draws the same indices, so the metrics of one cell are resampled together.
/// </summary>
public static class Bootstrap
{
    public const int DefaultResamples = 10_000;

    public const long DefaultSeed = 0;

    public static (double Low, double High) PercentileInterval(IReadOnlyList<double> values, int resamples = DefaultResamples,
        long seed = DefaultSeed, double level = 0.95)
    {
        if (values.Count == 0)
        {
            throw new ArgumentException("The bootstrap needs at least one value.", nameof(values));
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(resamples, 1);
        if (level is <= 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(level), level, "The level must be between 0 and 1.");
        }
        var rng = SeededRandom.ForStream(seed, "bootstrap", values.Count);
        var means = new double[resamples];
        for (var b = 0; b < resamples; b++)
        {
            var sum = 0.0;
            for (var i = 0; i < values.Count; i++)
            {
                sum += values[rng.NextInt(values.Count)];
            }
            means[b] = sum / values.Count;
        }
        Array.Sort(means);
        var tail = (1 - level) / 2;
        return (Percentile(means, tail), Percentile(means, 1 - tail));
    }

    /// <summary>The q-quantile of sorted values, interpolating linearly between neighbours (numpy's "linear" method).</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double q)
    {
        var position = q * (sorted.Count - 1);
        var below = (int)Math.Floor(position);
        var above = Math.Min(below + 1, sorted.Count - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }
}
