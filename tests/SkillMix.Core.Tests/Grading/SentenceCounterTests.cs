using SkillMix.Core.Grading;

namespace SkillMix.Core.Tests.Grading;

public sealed class SentenceCounterTests
{
    [Theory]
    [InlineData("One sentence only.", 1)]
    [InlineData("One. Two. Three.", 3)]
    [InlineData("What? No! Yes.", 3)]
    [InlineData("Dr. Smith met Mr. Jones.", 1)]
    [InlineData("Mrs. Brown and Ms. Green asked Prof. White.", 1)]
    [InlineData("He shouted \"Stop!\" Then he left.", 2)]
    [InlineData("He left. \"Then what?\" she asked.", 2)]
    [InlineData("She asked \"Why?\" and left.", 1)]
    [InlineData("The sign said stop. then nobody moved.", 1)]
    [InlineData("It cost 3.5 dollars. Fine.", 2)]
    [InlineData("First line.\nSecond line.", 2)]
    [InlineData("No end punctuation", 1)]
    [InlineData("", 0)]
    [InlineData("   \n ", 0)]
    public void Counts_sentences_like_the_official_counter(string text, int expected)
    {
        Assert.Equal(expected, SentenceCounter.Count(text));
    }

    [Theory]
    [InlineData(1, "One. Two.", 0)]
    [InlineData(2, "One, joined; still one.", 1)]
    [InlineData(3, "One. Two.", 1)]
    [InlineData(3, "One. Two. Three.", 0)]
    [InlineData(5, "One. Two. Three. Four.", 1)]
    public void The_length_point_allows_max_1_k_minus_1_sentences(int k, string text, int point)
    {
        Assert.Equal(point, SentenceCounter.LengthPoint(text, k));
    }
}
