using SkillMix.Core.Metrics;
using SkillMix.Core.Sampling;

namespace SkillMix.Core.Tests.Metrics;

public sealed class HierarchicalBootstrapTests
{
    [Fact]
    public void With_one_seed_it_is_the_plain_bootstrap_to_the_bit()
    {
        var random = SeededRandom.ForStream(3, "test");
        var values = Enumerable.Range(0, 37).Select(_ => random.NextInt(3) / 2.0).ToList();

        Assert.Equal(Bootstrap.PercentileInterval(values, 2_000, 5), HierarchicalBootstrap.PercentileInterval([values], 2_000, 5));
        Assert.Equal(values.Average(), HierarchicalBootstrap.Mean([values]), 12);
    }

    [Fact]
    public void Seeds_that_disagree_widen_the_interval_to_the_spread_of_the_seeds()
    {
        // Worked by hand: within each seed every combination scores the same, so a resample's mean is the share of draws
        // that picked the second seed: 0, 1/2 or 1 with chances 1/4, 1/2, 1/4. The 2.5th and 97.5th percentiles of those
        // means are 0 and 1. Pooling the 20 combinations as one seed would hide that: its interval is about [.28, .72].
        IReadOnlyList<double> zeros = [.. Enumerable.Repeat(0.0, 10)];
        IReadOnlyList<double> ones = [.. Enumerable.Repeat(1.0, 10)];

        Assert.Equal(0.5, HierarchicalBootstrap.Mean([zeros, ones]));
        Assert.Equal((0.0, 1.0), HierarchicalBootstrap.PercentileInterval([zeros, ones], 4_000, 1));
        var (low, high) = Bootstrap.PercentileInterval([.. zeros, .. ones], 4_000, 1);
        Assert.InRange(low, 0.2, 0.35);
        Assert.InRange(high, 0.65, 0.8);
    }

    [Fact]
    public void The_estimate_weighs_each_seed_alike_whatever_its_number_of_combinations()
    {
        Assert.Equal(0.5, HierarchicalBootstrap.Mean([[1.0, 1.0, 1.0], [0.0]]), 12);
        Assert.Equal((1.0, 1.0), HierarchicalBootstrap.PercentileInterval([[1.0, 1.0], [1.0]], 500, 2));
    }

    [Fact]
    public void Resampling_again_with_the_same_seed_gives_the_same_interval_and_no_values_are_an_error()
    {
        IReadOnlyList<IReadOnlyList<double>> cell = [[0.0, 1.0, 0.5], [1.0, 1.0], [0.0, 0.0, 0.0, 1.0]];
        Assert.Equal(HierarchicalBootstrap.PercentileInterval(cell, 1_000, 9), HierarchicalBootstrap.PercentileInterval(cell, 1_000, 9));
        Assert.Throws<ArgumentException>(() => HierarchicalBootstrap.PercentileInterval([]));
        Assert.Throws<ArgumentException>(() => HierarchicalBootstrap.Mean([[1.0], []]));
    }
}
