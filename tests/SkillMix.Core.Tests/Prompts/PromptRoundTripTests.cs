using SkillMix.Core.Grading;
using SkillMix.Core.Prompts;
using SkillMix.Core.Worlds;

namespace SkillMix.Core.Tests.Prompts;

public sealed class PromptRoundTripTests
{
    private static readonly Skill[] Skills =
    [
        new("metaphor", "literary", "Calls one thing another.", "Time is a thief."),
        new("complex question (loaded question with implicit assumption )", "logic", "A question that presumes.", "Have you stopped?"),
        new("modus ponens", "logic", "If P then Q; P; so Q.", "If it rains, the road is wet."),
    ];

    [Fact]
    public void Turn1_lists_skills_in_order_and_parses_back()
    {
        var prompt = GenerationPrompt.Turn1(Skills, "Sewing");
        Assert.True(GenerationPrompt.TryParseTurn1(prompt, out var skills, out var topic));
        Assert.Equal(Skills.Select(s => s.Name), skills);
        Assert.Equal("Sewing", topic);
        Assert.Contains("\"Answer:\"", prompt);
        Assert.Contains("\"Explanation:\"", prompt);
    }

    [Theory]
    [InlineData(1, "one sentence")]
    [InlineData(2, "one sentence")]
    [InlineData(3, "two sentences")]
    [InlineData(5, "four sentences")]
    public void Turn2_states_the_limit_in_words(int k, string words)
    {
        var prompt = GenerationPrompt.Turn2(Skills, "Knots", SentenceLimit.For(k));
        Assert.Contains("at most " + words + ".", prompt);
        Assert.True(GenerationPrompt.TryParseTurn2(prompt, out var limit));
        Assert.Equal(SentenceLimit.For(k), limit);
    }

    [Fact]
    public void Grading_prompt_carries_the_rubric_and_parses_back()
    {
        const string text = "Line one.\nAnd \"Answer:\" inside TEXT>>> text.";
        var prompt = GradingPrompt.Build(Skills, "The Ottoman Empire", text);
        Assert.True(GradingPrompt.TryParse(prompt, out var request));
        Assert.Equal(Skills.Select(s => s.Name), request.Skills);
        Assert.Equal("The Ottoman Empire", request.Topic);
        Assert.Equal(2, request.SentenceLimit);
        Assert.Equal(text, request.Text);
        Assert.Contains("6. At most 2 sentences", prompt);
    }
}
