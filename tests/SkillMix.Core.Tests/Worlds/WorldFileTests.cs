using SkillMix.Core.Tests.Support;
using SkillMix.Core.Worlds;

namespace SkillMix.Core.Tests.Worlds;

public sealed class WorldFileTests
{
    private const string Valid = """
        {
          "name": "tiny",
          "trainCategories": ["literary"],
          "topicSplitSeed": 3,
          "skills": [
            { "name": "metaphor", "category": "literary", "definition": "d1", "example": "e1" },
            { "name": "modus ponens", "category": "logic", "definition": "d2", "example": "e2" }
          ],
          "topics": ["Sewing", "Knots", "Dueling", "Gardening"]
        }
        """;

    [Fact]
    public void Reads_a_world_and_splits_it()
    {
        var world = WorldFile.Parse(Valid, "tiny.json");
        Assert.Equal("tiny", world.Name);
        Assert.Equal(["metaphor"], world.TrainSkills.Select(s => s.Name));
        Assert.Equal(["modus ponens"], world.HeldOutSkills.Select(s => s.Name));
        Assert.Equal(2, world.TrainTopics.Count);
        Assert.Equal(World.Create("tiny", world.Skills, world.Topics, ["literary"], 3).Identity, world.Identity);
    }

    [Fact]
    public void Written_worlds_read_back_with_the_same_identity()
    {
        using var temp = new TempFolder();
        var path = Path.Combine(temp.Path, "sample.json");
        var sample = SampleWorld.Load();
        WorldFile.Write(sample, path);
        Assert.Equal(sample.Identity, WorldFile.Read(path).Identity);
        Assert.Single(Directory.GetFiles(temp.Path));
    }

    [Fact]
    public void An_explicit_topic_split_is_kept()
    {
        var json = Valid.Replace("\"topicSplitSeed\": 3", "\"trainTopics\": [\"Knots\"]", StringComparison.Ordinal);
        var world = WorldFile.Parse(json, "tiny.json");
        Assert.Equal(["Knots"], world.TrainTopics);
        Assert.Equal(world.Identity, WorldFile.Parse(WorldFile.Format(world), "again.json").Identity);
    }

    [Fact]
    public void An_unknown_member_is_rejected_with_its_line()
    {
        var json = Valid.Replace("\"topicSplitSeed\": 3,", "\"topicSplitSeed\": 3,\n  \"trainTopic\": [],", StringComparison.Ordinal);
        var e = Assert.Throws<SkillMixDataException>(() => WorldFile.Parse(json, "tiny.json"));
        Assert.Equal(5, e.Line);
        Assert.Contains("trainTopic", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_member_is_rejected()
    {
        var json = Valid.Replace("\"name\": \"tiny\",", "", StringComparison.Ordinal);
        var e = Assert.Throws<SkillMixDataException>(() => WorldFile.Parse(json, "tiny.json"));
        Assert.Contains("name", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Seed_and_explicit_split_together_are_rejected()
    {
        var json = Valid.Replace("\"topicSplitSeed\": 3,", "\"topicSplitSeed\": 3, \"trainTopics\": [\"Knots\"],", StringComparison.Ordinal);
        Assert.Throws<SkillMixDataException>(() => WorldFile.Parse(json, "tiny.json"));
    }

    [Fact]
    public void A_duplicated_skill_is_reported_at_its_second_line()
    {
        var json = Valid.Replace("\"name\": \"modus ponens\"", "\"name\": \"metaphor\"", StringComparison.Ordinal);
        var e = Assert.Throws<SkillMixDataException>(() => WorldFile.Parse(json, "tiny.json"));
        Assert.Equal(7, e.Line);
    }

    [Fact]
    public void An_unknown_train_topic_is_rejected()
    {
        var json = Valid.Replace("\"topicSplitSeed\": 3", "\"trainTopics\": [\"Chess\"]", StringComparison.Ordinal);
        var e = Assert.Throws<SkillMixDataException>(() => WorldFile.Parse(json, "tiny.json"));
        Assert.Contains("Chess", e.Message, StringComparison.Ordinal);
    }
}
