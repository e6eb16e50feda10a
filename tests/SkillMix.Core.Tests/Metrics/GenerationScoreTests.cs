using SkillMix.Core.Metrics;

namespace SkillMix.Core.Tests.Metrics;

public sealed class GenerationScoreTests
{
    [Theory]
    // k = 2: skill, skill, topic, sense, length
    [InlineData(new double[] { 1, 1, 1, 1, 1 }, 1, 1, 1)]
    [InlineData(new double[] { 1, 1, 1, 1, 0 }, 0, 1, 0)]      // all skills, 2 of 3 others: AS only
    [InlineData(new double[] { 1, 1, 0, 1, 0 }, 0, 0, 0)]      // all skills, 1 of 3 others: nothing
    [InlineData(new double[] { 1, 0, 1, 1, 1 }, 0, 0, 0.5)]    // half the skills, all others: SF = 1/2
    [InlineData(new double[] { 0, 0, 1, 1, 1 }, 0, 0, 0)]
    public void FM_AS_and_SF_follow_their_definitions(double[] voted, double fm, double @as, double sf)
    {
        Assert.Equal(new GenerationScore(fm, @as, sf), GenerationScore.Of(voted, 2));
    }

    [Fact]
    public void SF_is_the_fraction_of_skills_when_the_others_are_all_earned()
    {
        Assert.Equal(2.0 / 3, GenerationScore.Of([1, 0, 1, 1, 1, 1], 3).SkillsFraction, 12);
    }

    [Fact]
    public void The_best_generation_is_taken_metric_by_metric()
    {
        var best = GenerationScore.Max([new GenerationScore(0, 1, 0), new GenerationScore(0, 0, 0.5)]);
        Assert.Equal(new GenerationScore(0, 1, 0.5), best);
    }

    [Fact]
    public void A_vector_of_the_wrong_length_is_refused()
    {
        Assert.Throws<ArgumentException>(() => GenerationScore.Of([1, 1, 1, 1], 2));
    }
}
