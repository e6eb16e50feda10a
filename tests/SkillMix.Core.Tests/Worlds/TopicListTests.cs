using SkillMix.Core.Worlds;

namespace SkillMix.Core.Tests.Worlds;

public sealed class TopicListTests
{
    private static IReadOnlyList<string> Read(string text) => TopicList.Read(new StringReader(text), "topics.txt");

    [Theory]
    [InlineData("Sewing\nKnots\n")]
    [InlineData("Sewing\nKnots")]
    [InlineData("Sewing\r\nKnots\r\n")]
    [InlineData("  Sewing \n\nKnots\n\n")]
    public void One_topic_per_line_with_or_without_a_final_newline(string text)
    {
        Assert.Equal(["Sewing", "Knots"], Read(text));
    }

    [Fact]
    public void A_duplicated_topic_names_both_lines()
    {
        var e = Assert.Throws<SkillMixDataException>(() => Read("Sewing\nKnots\nSewing\n"));
        Assert.Equal(3, e.Line);
        Assert.Contains("first on line 1", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_list_is_an_error()
    {
        Assert.Throws<SkillMixDataException>(() => Read("\n\n"));
    }
}
