using Microsoft.Extensions.AI;
using SkillMix.Core.Conversations;
using SkillMix.Core.Grading;
using SkillMix.Core.Prompts;
using SkillMix.Core.Worlds;

namespace SkillMix.Core.Tests.Conversations;

public sealed class ConversationTests
{
    private static readonly Skill[] Skills =
    [
        new("metaphor", "literary", "Calls one thing another.", "Time is a thief."),
        new("red herring", "rhetorical", "Changes the subject.", "But look at the weather."),
    ];

    [Fact]
    public async Task Generation_runs_two_turns_and_grades_the_text_of_the_last_reply()
    {
        var client = new FakeChatClient("teacher-1",
            _ => "Answer: Draft text.\nExplanation: first try.",
            _ => "Answer: The needle was a sparrow; anyway, nice weather.\nExplanation: both skills.");
        var transcript = await new GenerateConversation(client).RunAsync(Skills, "Sewing", repeat: 2);

        Assert.Equal(2, client.Calls.Count);
        var first = client.Calls[0].Messages;
        Assert.Equal([ChatRole.System, ChatRole.User], first.Select(m => m.Role));
        Assert.Equal(GenerationPrompt.Turn1(Skills, "Sewing"), first[1].Text);
        var second = client.Calls[1].Messages;
        Assert.Equal([ChatRole.System, ChatRole.User, ChatRole.Assistant, ChatRole.User], second.Select(m => m.Role));
        Assert.Equal("Answer: Draft text.\nExplanation: first try.", second[2].Text);
        Assert.Equal(GenerationPrompt.Turn2(Skills, "Sewing", 1), second[3].Text);

        Assert.Equal("The needle was a sparrow; anyway, nice weather.", transcript.Answer);
        Assert.Equal("teacher-1", transcript.Model);
        Assert.Equal(2, transcript.Repeat);
        Assert.All(client.Calls, c => Assert.Equal(2, c.Options!.AdditionalProperties![ChatOptionKeys.Repeat]));
    }

    [Fact]
    public async Task The_callers_options_are_copied_not_changed()
    {
        var options = new ChatOptions { Temperature = 0.7f, AdditionalProperties = new() { ["other"] = "kept" } };
        var client = new FakeChatClient("m", _ => "Answer: x\nExplanation: y");
        await new GenerateConversation(client, options).RunAsync(Skills, "Knots", repeat: 3);

        Assert.False(options.AdditionalProperties.ContainsKey(ChatOptionKeys.Repeat));
        var sent = client.Calls[0].Options!;
        Assert.Equal(0.7f, sent.Temperature);
        Assert.Equal("kept", sent.AdditionalProperties!["other"]);
        Assert.Equal(3, sent.AdditionalProperties[ChatOptionKeys.Repeat]);
    }

    [Fact]
    public async Task Grading_is_repeated_R_times_each_call_with_its_repeat_index()
    {
        var table = GradeTable.Format(Rubric.Criteria(["metaphor", "red herring"], "Sewing"), [1, 1, 1, 1, 0], "ok");
        var client = new FakeChatClient("grader-1", _ => table, _ => "I cannot grade this.", _ => table);
        var gradings = await new GradeConversation(client).RunAsync(Skills, "Sewing", "A needle was a sparrow.", repeats: 3);

        Assert.Equal([1, 2, 3], client.Calls.Select(c => (int)c.Options!.AdditionalProperties![ChatOptionKeys.Repeat]!));
        Assert.All(client.Calls, c => Assert.Equal(GradingPrompt.Build(Skills, "Sewing", "A needle was a sparrow."), c.Messages[^1].Text));
        Assert.Equal([1, 2, 3], gradings.Select(g => g.Repeat));
        Assert.Equal([1.0, 1, 1, 1, 0], gradings[0].Parsed.Points);
        // The grader's length point (0) gives way to the count: one sentence is within the limit for k = 2.
        Assert.Equal([1.0, 1, 1, 1, 1], gradings[0].Points);
        Assert.Equal(GradeReplyFormat.None, gradings[1].Parsed.Format);
        Assert.Equal([0.0, 0, 0, 0, 1], gradings[1].Points);
        Assert.Equal("grader-1", gradings[2].Model);
    }

    [Fact]
    public async Task A_text_over_the_limit_loses_the_length_point_whatever_the_grader_says()
    {
        var table = GradeTable.Format(Rubric.Criteria(["metaphor", "red herring"], "Sewing"), [1, 1, 1, 1, 1], "ok");
        var client = new FakeChatClient("g", _ => table);
        var grading = (await new GradeConversation(client).RunAsync(Skills, "Sewing", "One. Two.", repeats: 1))[0];
        Assert.Equal(2, grading.SentenceCount);
        Assert.Equal(0, grading.LengthPoint);
        Assert.Equal([1.0, 1, 1, 1, 0], grading.Points);
    }

    [Fact]
    public async Task Repeat_indices_start_at_one()
    {
        var client = new FakeChatClient("g", _ => "x");
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => new GenerateConversation(client).RunAsync(Skills, "Knots", 0));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => new GradeConversation(client).RunAsync(Skills, "Knots", "t", 0));
    }
}
