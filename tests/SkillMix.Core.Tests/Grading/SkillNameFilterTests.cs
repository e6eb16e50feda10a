using SkillMix.Core.Grading;

namespace SkillMix.Core.Tests.Grading;

public sealed class SkillNameFilterTests
{
    [Theory]
    [InlineData("metaphor", "metaphor")]
    [InlineData("Red Herring", "red herring")]
    [InlineData("folk physics (common knowledge physics)", "folk physics")]
    [InlineData("complex question (loaded question with implicit assumption )", "complex question")]
    [InlineData("  spatial reasoning  ", "spatial reasoning")]
    public void The_searched_name_is_lower_cased_cut_before_a_parenthesis_and_trimmed(string skill, string key)
    {
        Assert.Equal(key, SkillNameFilter.SearchKey(skill));
    }

    [Fact]
    public void Only_the_points_of_named_skills_are_withdrawn()
    {
        var answer = "A Red Herring swam past, and by Folk Physics the bucket fell.";
        var points = SkillNameFilter.Apply([1, 1, 1, 1, 1, 1], ["metaphor", "red herring", "folk physics (common knowledge physics)"], answer);
        Assert.Equal([1.0, 0, 0, 1, 1, 1], points);
    }

    [Fact]
    public void A_name_inside_a_longer_word_counts_as_named()
    {
        // The official check is a substring search, so "metaphorical" names "metaphor".
        Assert.True(SkillNameFilter.Names("A metaphorical needle.", "metaphor"));
        Assert.False(SkillNameFilter.Names("A needle like a bird.", "metaphor"));
    }
}
