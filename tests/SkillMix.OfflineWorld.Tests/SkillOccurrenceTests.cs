using SkillMix.Core.Sampling;
using SkillMix.Core.Worlds;

namespace SkillMix.OfflineWorld.Tests;

public sealed class SkillOccurrenceTests
{
    private static readonly CheckableWorld World = CheckableWorld.Default;

    [Fact]
    public void Plain_text_shows_no_skill_and_single_skill_texts_raise_their_own_rate()
    {
        var plain = World.PlainText().Generate(seed: 5, count: 400);
        var plainRates = SkillOccurrence.Measure(World, plain);
        Assert.Equal(World.Skills.Count, plainRates.Count);
        Assert.All(plainRates.Values, r => Assert.InRange(r, 0, 1));

        // The pretraining corpus's other half: one text per topic written to show one skill.
        var teacher = World.Teacher(Teaching.FailureModel.None);
        var skill = World.Skills[0].Name;
        var shown = World.World.Topics.Select(t => teacher.Compose([skill], t, 1, seed: 5, repeat: 1).Text).ToList();
        var corpus = plain.Concat(shown).ToList();
        var rates = SkillOccurrence.Measure(World, corpus);
        // Every text written for the skill shows it, so its rate is at least their share of the corpus.
        Assert.True(rates[skill] >= (double)shown.Count / corpus.Count, $"{skill}: {rates[skill]}");
        Assert.True(rates[skill] > plainRates[skill]);
    }

    [Fact]
    public void Measured_rates_become_skill_frequencies_the_sampler_can_filter_by()
    {
        var plain = World.PlainText().Generate(seed: 6, count: 200);
        var teacher = World.Teacher(Teaching.FailureModel.None);
        // Half the skills get texts of their own, so their rates rise above the others'.
        var common = World.Skills.Where((_, i) => i % 2 == 0).Select(s => s.Name).ToList();
        var corpus = plain.Concat(common.SelectMany(s => World.World.Topics.Take(10).Select(t => teacher.Compose([s], t, 1, 6, 1).Text))).ToList();
        var world = World.World.WithSkillFrequencies(SkillOccurrence.Measure(World, corpus));
        Assert.All(world.Skills, s => Assert.NotNull(s.Frequency));
        Assert.NotEqual(World.World.Identity, world.Identity);

        var max = world.Skills.Where(s => common.Contains(s.Name)).Min(s => s.Frequency!.Value);
        var rare = world.Skills.Where(s => s.Frequency < max).Select(s => s.Name).ToHashSet();
        Assert.NotEmpty(rare);
        Assert.DoesNotContain(rare, common.Contains);
        foreach (var c in CombinationSampler.Sample(world, Pool.All, Pool.All, 2, 50, seed: 1, maxSkillFrequency: max))
        {
            Assert.All(c.Skills, s => Assert.Contains(s, rare));
        }
    }
}
