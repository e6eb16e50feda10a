namespace SkillMix.Core.Metrics;

/// <summary>One metric of one cell: the mean over combinations, its standard error and a bootstrap 95% interval.</summary>
/// <param name="Mean">The mean over combinations of each combination's best generation.</param>
/// <param name="StdErr">std (ddof = 1) / sqrt(n), as Skill-Mix reports it; null with a single combination.</param>
/// <param name="CiLow">The 2.5th percentile of the bootstrap means.</param>
/// <param name="CiHigh">The 97.5th percentile of the bootstrap means.</param>
public sealed record MetricEstimate(double Mean, double? StdErr, double CiLow, double CiHigh)
{
    public static MetricEstimate Of(IReadOnlyList<double> values, int resamples, long seed)
    {
        if (values.Count == 0)
        {
            throw new ArgumentException("A metric needs at least one combination.", nameof(values));
        }
        var mean = values.Average();
        double? stdErr = null;
        if (values.Count > 1)
        {
            var variance = values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1);
            stdErr = Math.Sqrt(variance) / Math.Sqrt(values.Count);
        }
        var (low, high) = Bootstrap.PercentileInterval(values, resamples, seed);
        return new MetricEstimate(mean, stdErr, low, high);
    }
}
