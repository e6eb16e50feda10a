using SkillMix.Core.Grading;

namespace SkillMix.Core.Tests.Grading;

public sealed class AnswerExtractorTests
{
    [Theory]
    [InlineData("Answer: The needle flew.\nExplanation: metaphor.", "The needle flew.")]
    [InlineData("Answer: draft\nExplanation: x\nImproved Answer: final text\nExplanation: y", "final text")]
    [InlineData("**Answer:** The needle flew.\n\n**Explanation:** metaphor.", "The needle flew.")]
    [InlineData("Answer:\r\nThe needle flew.\r\n\r\n### Explanation\r\nmetaphor.", "The needle flew.")]
    [InlineData("The needle flew.", "The needle flew.")]
    [InlineData("The needle flew.\nExplanation: x", "The needle flew.")]
    [InlineData("Answer: The explanation was simple.\nExplanation: x", "The explanation was simple.")]
    [InlineData("Answer: \"Quoted text.\"\nExplanation: x", "\"Quoted text.\"")]
    public void Takes_the_text_after_the_last_answer_and_before_explanation(string reply, string expected)
    {
        Assert.Equal(expected, AnswerExtractor.Extract(reply));
    }
}
