using SkillMix.Core.Sampling;
using SkillMix.Core.Worlds;

namespace SkillMix.Core.Tests.Sampling;

public sealed class CombinationSamplerTests
{
    private static readonly string[] Skills = Enumerable.Range(0, 10).Select(i => $"skill {i}").ToArray();
    private static readonly string[] Topics = Enumerable.Range(0, 6).Select(i => $"topic {i}").ToArray();

    // Upper 0.1% points of the chi-square distribution (standard tables), for df = 9 and df = 5.
    private const double ChiSquare999Df9 = 27.877;
    private const double ChiSquare999Df5 = 20.515;

    [Fact]
    public void Every_combination_has_k_distinct_skills_from_the_pool_and_one_topic()
    {
        var combinations = CombinationSampler.Sample(Skills, Topics, 4, 500, seed: 1);
        Assert.Equal(500, combinations.Count);
        Assert.All(combinations, c =>
        {
            Assert.Equal(4, c.K);
            Assert.Equal(4, c.Skills.Distinct().Count());
            Assert.All(c.Skills, s => Assert.Contains(s, Skills));
            Assert.Contains(c.Topic, Topics);
        });
        Assert.Equal(Enumerable.Range(0, 500), combinations.Select(c => c.Index));
    }

    [Fact]
    public void Skills_and_topics_are_covered_uniformly()
    {
        const int count = 3000;
        var combinations = CombinationSampler.Sample(Skills, Topics, 3, count, seed: 11);
        // Each skill is in a combination with probability 3/10: expected 900 appearances each.
        var skillCounts = Skills.Select(s => combinations.Count(c => c.Skills.Contains(s))).ToList();
        Assert.InRange(ChiSquare(skillCounts, count * 3.0 / Skills.Length), 0, ChiSquare999Df9);
        var topicCounts = Topics.Select(t => combinations.Count(c => c.Topic == t)).ToList();
        Assert.InRange(ChiSquare(topicCounts, (double)count / Topics.Length), 0, ChiSquare999Df5);
        // The order is shuffled too: each skill leads a combination about a tenth of the time.
        var firstCounts = Skills.Select(s => combinations.Count(c => c.Skills[0] == s)).ToList();
        Assert.InRange(ChiSquare(firstCounts, (double)count / Skills.Length), 0, ChiSquare999Df9);
    }

    [Fact]
    public void Asking_for_more_keeps_the_first_ones()
    {
        var few = CombinationSampler.Sample(Skills, Topics, 2, 20, seed: 5);
        var many = CombinationSampler.Sample(Skills, Topics, 2, 100, seed: 5);
        Assert.Equal(few, many.Take(20));
    }

    [Fact]
    public void The_same_seed_gives_the_same_combinations_and_another_seed_others()
    {
        Assert.Equal(CombinationSampler.Sample(Skills, Topics, 3, 50, 9), CombinationSampler.Sample(Skills, Topics, 3, 50, 9));
        Assert.NotEqual(CombinationSampler.Sample(Skills, Topics, 3, 50, 9), CombinationSampler.Sample(Skills, Topics, 3, 50, 10));
    }

    [Fact]
    public void K_below_one_or_above_the_pool_is_an_error_that_names_the_pool()
    {
        var world = SampleWorld.Load();
        var low = Assert.Throws<ArgumentOutOfRangeException>(() => CombinationSampler.Sample(world, Pool.Train, Pool.Train, 0, 5, 1));
        Assert.Contains("train skills of world 'skillmix-sample'", low.Message, StringComparison.Ordinal);
        var trainSkills = world.TrainSkills.Count;
        var high = Assert.Throws<ArgumentOutOfRangeException>(
            () => CombinationSampler.Sample(world, Pool.Train, Pool.Train, trainSkills + 1, 5, 1));
        Assert.Contains($"larger than the {trainSkills} train skills of world 'skillmix-sample'", high.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_world_pool_draws_only_from_its_side_of_the_split()
    {
        var world = SampleWorld.Load();
        var held = world.HeldOutSkills.Select(s => s.Name).ToHashSet();
        Assert.All(CombinationSampler.Sample(world, Pool.HeldOut, Pool.HeldOut, 3, 200, 2), c =>
        {
            Assert.All(c.Skills, s => Assert.Contains(s, held));
            Assert.Contains(c.Topic, world.HeldOutTopics);
        });
    }

    private static double ChiSquare(IEnumerable<int> observed, double expected) =>
        observed.Sum(o => (o - expected) * (o - expected) / expected);
}
