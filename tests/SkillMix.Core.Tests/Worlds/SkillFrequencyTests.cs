using SkillMix.Core.Worlds;

namespace SkillMix.Core.Tests.Worlds;

/// <summary>The optional frequency of a skill: its occurrence rate in a pretraining corpus, in skill CSVs and world files.</summary>
public sealed class SkillFrequencyTests
{
    private const string Header = "category,skill,definition,example,comments,status,added by,frequency\n";

    private static IReadOnlyList<Skill> Read(string text) => SkillCsv.Read(new StringReader(text), "skills.csv");

    [Fact]
    public void The_frequency_column_is_optional_and_an_empty_cell_means_not_known()
    {
        var skills = Read(Header + "literary,metaphor,d,e,,,a,0.031\nlogic,modus ponens,d,e,,,a,\nlogic,red herring,d,e,,,a, 1 \n");
        Assert.Equal([0.031, null, 1.0], skills.Select(s => s.Frequency));
        Assert.Null(Read("category,skill,definition,example\nliterary,metaphor,d,e\n")[0].Frequency);
    }

    [Theory]
    [InlineData("often")]
    [InlineData("5%")]
    [InlineData("-0.01")]
    [InlineData("1.5")]
    [InlineData("NaN")]
    public void A_frequency_that_is_not_a_number_from_0_to_1_is_an_error_naming_file_and_line(string value)
    {
        var e = Assert.Throws<SkillMixDataException>(() => Read(Header + "literary,metaphor,d,e,,,a,0.1\nlogic,modus ponens,d,e,,,a," + value + "\n"));
        Assert.Equal("skills.csv", e.File);
        Assert.Equal(3, e.Line);
        Assert.Contains("'modus ponens'", e.Message, StringComparison.Ordinal);
        Assert.Contains("from 0 to 1", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void World_files_keep_frequencies_and_reject_one_out_of_range()
    {
        var world = World.Create("w", [new Skill("a", "literary", "d", "e", 0.25), new Skill("b", "logic", "d", "e")], ["Sewing", "Knots"],
            ["literary"], topicSplitSeed: 2);
        var text = WorldFile.Format(world);
        Assert.Contains("\"frequency\": 0.25", text, StringComparison.Ordinal);
        var read = WorldFile.Parse(text, "w.json");
        Assert.Equal(world.Identity, read.Identity);
        Assert.Equal([0.25, null], read.Skills.Select(s => s.Frequency));

        var bad = text.Replace("\"frequency\": 0.25", "\"frequency\": 25", StringComparison.Ordinal);
        var e = Assert.Throws<SkillMixDataException>(() => WorldFile.Parse(bad, "w.json"));
        Assert.Equal("w.json", e.File);
        Assert.NotNull(e.Line);
        Assert.Contains("from 0 to 1", e.Message, StringComparison.Ordinal);
    }
}
