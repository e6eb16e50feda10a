using SkillMix.Core.Metrics;

namespace SkillMix.Core.Tests.Metrics;

public sealed class BootstrapTests
{
    [Fact]
    public void Percentiles_interpolate_linearly_like_numpy()
    {
        double[] sorted = [1, 2, 3, 4];
        Assert.Equal(2.5, Bootstrap.Percentile(sorted, 0.5), 12);
        Assert.Equal(1.75, Bootstrap.Percentile(sorted, 0.25), 12);
        Assert.Equal(1, Bootstrap.Percentile(sorted, 0));
        Assert.Equal(4, Bootstrap.Percentile(sorted, 1));
    }

    [Fact]
    public void Constant_values_have_a_point_interval()
    {
        Assert.Equal((0.5, 0.5), Bootstrap.PercentileInterval([0.5, 0.5, 0.5], 200, 1));
    }

    [Fact]
    public void The_same_seed_gives_the_same_interval_and_another_seed_a_close_one()
    {
        var values = Enumerable.Range(0, 40).Select(i => i % 3 == 0 ? 1.0 : 0.0).ToList();
        Assert.Equal(Bootstrap.PercentileInterval(values, 2000, 7), Bootstrap.PercentileInterval(values, 2000, 7));
        var (a, b) = Bootstrap.PercentileInterval(values, 2000, 7);
        var (c, d) = Bootstrap.PercentileInterval(values, 2000, 8);
        Assert.InRange(Math.Abs(a - c), 0, 0.05);
        Assert.InRange(Math.Abs(b - d), 0, 0.05);
    }

    [Fact]
    public void Half_of_100_binary_outcomes_has_about_the_normal_interval()
    {
        // p = 0.5, n = 100: standard error 0.05, so the 95% interval is about 0.5 +- 1.96 * 0.05 = [0.402, 0.598].
        var values = Enumerable.Range(0, 100).Select(i => i % 2 == 0 ? 1.0 : 0.0).ToList();
        var (low, high) = Bootstrap.PercentileInterval(values);
        Assert.InRange(low, 0.38, 0.42);
        Assert.InRange(high, 0.58, 0.62);
    }

    [Fact]
    public void Two_values_zero_and_one_span_the_whole_range()
    {
        // Resampled means of {0, 1} are 0, 0.5 or 1 with probabilities 1/4, 1/2, 1/4: both 2.5% tails sit on 0 and 1.
        Assert.Equal((0.0, 1.0), Bootstrap.PercentileInterval([0, 1]));
    }
}
