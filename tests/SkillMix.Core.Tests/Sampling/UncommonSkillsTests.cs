using SkillMix.Core.Sampling;
using SkillMix.Core.Worlds;

namespace SkillMix.Core.Tests.Sampling;

public sealed class UncommonSkillsTests
{
    private static World World(params double?[] frequencies) => Core.Worlds.World.Create("w",
        frequencies.Select((f, i) => new Skill($"s{i}", i % 2 == 0 ? "literary" : "logic", "d", "e", f)).ToList(),
        ["Sewing", "Knots", "Dueling", "Gardening"], ["literary"], topicSplitSeed: 1);

    [Fact]
    public void Only_skills_strictly_below_the_maximum_are_drawn()
    {
        var world = World(0.01, 0.2, 0.049, 0.05, 0.0, 0.3);
        var combinations = CombinationSampler.Sample(world, Pool.All, Pool.All, 2, 200, seed: 3, maxSkillFrequency: 0.05);
        var drawn = combinations.SelectMany(c => c.Skills).ToHashSet();
        Assert.Equal(new HashSet<string> { "s0", "s2", "s4" }, drawn);
    }

    [Fact]
    public void Without_a_maximum_the_stream_is_the_one_drawn_before_frequencies_existed()
    {
        var world = World(0.01, 0.2, 0.049, 0.05);
        var plain = World(null, null, null, null);
        Assert.Equal(
            CombinationSampler.Sample(plain, Pool.All, Pool.All, 2, 20, seed: 3).Select(c => string.Join("|", c.Skills) + c.Topic),
            CombinationSampler.Sample(world, Pool.All, Pool.All, 2, 20, seed: 3).Select(c => string.Join("|", c.Skills) + c.Topic));
        // Frequencies are part of the world's identity only when given, so worlds without them keep theirs.
        Assert.NotEqual(plain.Identity, world.Identity);
        Assert.Equal(plain.Identity, World(null, null, null, null).Identity);
    }

    [Fact]
    public void Fewer_uncommon_skills_than_k_is_an_error_saying_how_many_remain()
    {
        var world = World(0.01, 0.2, 0.3, 0.04);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() =>
            CombinationSampler.Sample(world, Pool.All, Pool.All, 3, 5, seed: 1, maxSkillFrequency: 0.05));
        Assert.Contains("Only 2 of the 4", e.Message, StringComparison.Ordinal);
        Assert.Contains("k = 3", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_skill_without_a_frequency_or_a_maximum_outside_0_to_1_is_an_error()
    {
        var e = Assert.Throws<ArgumentException>(() =>
            CombinationSampler.Sample(World(0.01, null, 0.02), Pool.All, Pool.All, 2, 5, seed: 1, maxSkillFrequency: 0.05));
        Assert.Contains("'s1'", e.Message, StringComparison.Ordinal);
        Assert.Contains("frequency", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => UncommonSkills.Below(World(0.01, 0.02).Skills, 5, 1));
    }
}
