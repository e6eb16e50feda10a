using SkillMix.Core.Worlds;

namespace SkillMix.Core.Tests.Worlds;

public sealed class SampleWorldTests
{
    // The public names, as docs/PROTOCOL lists them (Skill-Mix, Yu et al. 2023).
    private static readonly string[] PublicSkills =
    [
        "self serving bias", "accident (fallacy)", "complex question (loaded question with implicit assumption )", "red herring",
        "metaphor", "spatial reasoning", "modus ponens", "statistical syllogism", "emotional self regulation",
        "folk physics (common knowledge physics)",
    ];

    private static readonly string[] PublicTopics =
    [
        "Sewing", "Dueling", "The Ottoman Empire", "Urbanism", "Beekeeping", "Survivalism", "Guerilla warfare", "Triathlons",
        "Gardening", "Knots",
    ];

    private static readonly string[] PaperCategories =
    [
        "literary", "rhetorical", "reasoning", "logic", "theory of mind", "pragmatics", "common sense", "physical knowledge",
    ];

    [Fact]
    public void Holds_exactly_the_public_skills_and_topics()
    {
        var world = SampleWorld.Load();
        Assert.Equal(PublicSkills.Order(StringComparer.Ordinal), world.Skills.Select(s => s.Name).Order(StringComparer.Ordinal));
        Assert.Equal(PublicTopics, world.Topics);
    }

    [Fact]
    public void Every_skill_has_a_paper_category_a_definition_and_an_example()
    {
        Assert.All(SampleWorld.Load().Skills, s =>
        {
            Assert.Contains(s.Category, PaperCategories);
            Assert.False(string.IsNullOrWhiteSpace(s.Definition));
            Assert.False(string.IsNullOrWhiteSpace(s.Example));
        });
    }

    [Fact]
    public void Splits_the_paper_way_literary_and_rhetorical_train_topics_half_and_half()
    {
        var world = SampleWorld.Load();
        Assert.All(world.TrainSkills, s => Assert.Contains(s.Category, new[] { "literary", "rhetorical" }));
        Assert.All(world.HeldOutSkills, s => Assert.DoesNotContain(s.Category, new[] { "literary", "rhetorical" }));
        Assert.NotEmpty(world.TrainSkills);
        Assert.NotEmpty(world.HeldOutSkills);
        Assert.Equal(5, world.TrainTopics.Count);
        Assert.Equal(5, world.HeldOutTopics.Count);
        Assert.Empty(world.TrainTopics.Intersect(world.HeldOutTopics));
    }

    [Fact]
    public void The_split_is_part_of_the_identity()
    {
        var a = SampleWorld.Load();
        Assert.Equal(a.Identity, SampleWorld.Load().Identity);
        var otherSeed = Enumerable.Range(1, 20).Select(s => SampleWorld.Load(topicSplitSeed: s))
            .First(w => !w.TrainTopics.SequenceEqual(a.TrainTopics));
        Assert.NotEqual(a.Identity, otherSeed.Identity);
        Assert.NotEqual(a.Identity, SampleWorld.Load("literary").Identity);
    }

    [Fact]
    public void The_embedded_files_are_in_the_skill_mix_formats()
    {
        Assert.StartsWith("category,skill,definition,example,comments,status,added by", SampleWorld.ReadResource(SampleWorld.SkillsResource),
            StringComparison.Ordinal);
        Assert.StartsWith("Sewing\n", SampleWorld.ReadResource(SampleWorld.TopicsResource), StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_train_category_is_a_data_error()
    {
        var e = Assert.Throws<SkillMixDataException>(() => SampleWorld.Load("literary;poetry"));
        Assert.Contains("poetry", e.Message, StringComparison.Ordinal);
    }
}
