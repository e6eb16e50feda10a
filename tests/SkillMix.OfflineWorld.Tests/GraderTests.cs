using SkillMix.OfflineWorld.Teaching;

namespace SkillMix.OfflineWorld.Tests;

public sealed class GraderTests
{
    private static readonly Grading.OfflineGrader Grader = CheckableWorld.Default.Grader();

    [Fact]
    public void A_hand_written_two_skill_sentence_earns_full_marks()
    {
        var verdict = Grader.Grade(["simile", "spatial reasoning"], "Beekeeping", 1,
            "The hive is like a drum; the comb is above the frame.");
        Assert.Equal([1, 1, 1, 1, 1], verdict.Points);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("hive hive hive hive")]
    [InlineData("Th hve is lik a drm; the cmb is abve the frme.")]
    [InlineData("The hive is like a drum and.")]
    [InlineData("|||| Answer: Explanation: ????")]
    [InlineData("the hive is like a drum.")]
    public void Garbled_text_gets_no_sense_point_and_no_crash(string text)
    {
        var verdict = Grader.Grade(["simile"], "Beekeeping", 1, text);
        Assert.Equal(4, verdict.Points.Count);
        Assert.Equal(0, verdict.Points[2]);
    }

    [Fact]
    public void A_long_garbled_text_is_graded_like_any_other()
    {
        var text = string.Concat(Enumerable.Repeat("the hive is, and the comb the ; if then so ", 200));
        var verdict = Grader.Grade(["simile", "modus ponens"], "Beekeeping", 1, text);
        Assert.Equal([0, 0, 1, 0, 1], verdict.Points);
    }

    [Fact]
    public void A_text_with_a_word_of_another_topic_does_not_pertain()
    {
        Assert.Equal(0, Grader.Grade(["simile"], "Beekeeping", 1, "The hive is like a drum; the needle is old.").Points[1]);
        Assert.Equal(0, Grader.Grade(["simile"], "Sewing", 1, "The hive is like a drum.").Points[1]);
        Assert.Equal(0, Grader.Grade(["apostrophe"], "Sewing", 1, "Oh sea, how restless you are.").Points[1]);
        Assert.Equal(1, Grader.Grade(["simile"], "Sewing", 1, "The needles is like a drum.").Points[1]);
    }

    [Fact]
    public void The_length_point_uses_cores_sentence_count()
    {
        var verdict = Grader.Grade(["simile", "metaphor"], "Beekeeping", 1, "The hive is like a drum. The comb is a stone.");
        Assert.Equal([1, 1, 1, 1, 0], verdict.Points);
    }

    [Fact]
    public void A_skill_is_found_wherever_it_is_in_the_text()
    {
        var verdict = Grader.Grade(["simile", "metaphor", "tricolon"], "Beekeeping", 2,
            "The beekeeper checks the hive, the comb and the frame; the queen is a stone. The veil is like an owl.");
        Assert.Equal([1, 1, 1, 1, 1, 1], verdict.Points);
    }

    [Fact]
    public void Unknown_skill_is_an_error_that_names_it()
    {
        var e = Assert.Throws<UnknownNameException>(() => Grader.Grade(["irony"], "Beekeeping", 1, "The hive is old."));
        Assert.Contains("'irony'", e.Message, StringComparison.Ordinal);
    }
}
