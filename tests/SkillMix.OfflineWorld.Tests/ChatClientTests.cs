using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;
using SkillMix.Core.Grading;
using SkillMix.Core.Prompts;
using SkillMix.OfflineWorld.Chat;

namespace SkillMix.OfflineWorld.Tests;

public sealed partial class ChatClientTests
{
    private static readonly CheckableWorld World = CheckableWorld.Default;

    [Fact]
    public async Task The_teacher_answers_both_turns_of_the_generation_conversation()
    {
        using var teacher = OfflineChatClients.Teacher();
        var skills = new[] { "simile", "anaphora", "tricolon" }.Select(n => World.World.GetSkill(n)).ToList();
        var options = new ChatOptions { Seed = 5, AdditionalProperties = new() { ["skillmix.repeat"] = 2 } };
        var messages = new List<ChatMessage>
        {
            new(ChatRole.System, GenerationPrompt.SystemPrompt),
            new(ChatRole.User, GenerationPrompt.Turn1(skills, "Knots")),
        };
        var first = await teacher.GetResponseAsync(messages, options);
        Assert.Equal("offline-teacher-1", first.ModelId);
        Assert.StartsWith("Answer: ", first.Text, StringComparison.Ordinal);
        Assert.True(SentenceCounter.Count(AnswerExtractor.Extract(first.Text)) > 2, "the draft has no limit and is longer");
        messages.Add(first.Messages[0]);
        messages.Add(new ChatMessage(ChatRole.User, GenerationPrompt.Turn2(skills, "Knots", SentenceLimit.For(3))));
        var second = await teacher.GetResponseAsync(messages, options);
        var answer = AnswerExtractor.Extract(second.Text);
        Assert.Equal(World.Teacher().Compose(["simile", "anaphora", "tricolon"], "Knots", 2, seed: 5, repeat: 2).Text, answer);
        Assert.NotNull(second.Usage);
        Assert.Equal(second.Text.Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries).Length, second.Usage!.OutputTokenCount);
        Assert.Equal(second.Usage.InputTokenCount + second.Usage.OutputTokenCount, second.Usage.TotalTokenCount);

        var again = await teacher.GetResponseAsync(messages, new ChatOptions { Seed = 5, AdditionalProperties = new() { ["skillmix.repeat"] = 2 } });
        Assert.Equal(second.Text, again.Text);
        var otherRepeat = await teacher.GetResponseAsync(messages, new ChatOptions { Seed = 5, AdditionalProperties = new() { ["skillmix.repeat"] = 3 } });
        Assert.NotEqual(second.Text, otherRepeat.Text);
    }

    [Fact]
    public async Task The_teacher_streams_the_same_reply_and_reports_an_unknown_skill_as_an_error_reply()
    {
        using var teacher = OfflineChatClients.Teacher();
        var prompt = GenerationPrompt.Turn1([new Core.Worlds.Skill("telepathy", "magic", "Reads minds.", "He knew.")], "Knots");
        var reply = await teacher.GetResponseAsync([new ChatMessage(ChatRole.User, prompt)]);
        Assert.StartsWith("Error: ", reply.Text, StringComparison.Ordinal);
        Assert.Contains("'telepathy'", reply.Text, StringComparison.Ordinal);

        var good = GenerationPrompt.Turn1([World.World.GetSkill("hedging")], "Knots");
        var whole = await teacher.GetResponseAsync([new ChatMessage(ChatRole.User, good)]);
        var streamed = "";
        await foreach (var update in teacher.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, good)]))
        {
            streamed += update.Text;
        }
        Assert.Equal(whole.Text, streamed);
        Assert.StartsWith("Error: ", (await teacher.GetResponseAsync([new ChatMessage(ChatRole.User, "Tell me a joke.")])).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_grader_replies_with_a_rubric_table_the_skill_mix_parser_reads()
    {
        using var grader = OfflineChatClients.Grader();
        var skills = new[] { "simile", "spatial reasoning" }.Select(n => World.World.GetSkill(n)).ToList();
        var prompt = GradingPrompt.Build(skills, "Beekeeping", "The hive is like a drum; the comb is behind the comb.");
        var reply = await grader.GetResponseAsync([new ChatMessage(ChatRole.System, GradingPrompt.SystemPrompt), new ChatMessage(ChatRole.User, prompt)]);
        Assert.Equal("offline-grader-1", reply.ModelId);
        var table = reply.Text[(reply.Text.IndexOf(GradeTable.Header, StringComparison.Ordinal) + GradeTable.Header.Length)..reply.Text.IndexOf("Explanation:", StringComparison.Ordinal)];
        var rows = table.Split('\n').Where(l => l.Contains('|', StringComparison.Ordinal) && !l.Contains("--", StringComparison.Ordinal)
            && !l.Contains("criteria", StringComparison.OrdinalIgnoreCase)).ToList();
        var points = rows.Select(r => r.Split('|', StringSplitOptions.TrimEntries)).Where(c => !c[1].Contains("Total", StringComparison.Ordinal))
            .Select(c => int.Parse(c[2], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal([1, 0, 1, 1, 1], points);
        Assert.Contains("| Total Points Earned | 4 |", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_grader_reports_unreadable_prompts_and_unknown_skills_as_error_replies()
    {
        using var grader = OfflineChatClients.Grader();
        var unknown = GradingPrompt.Build([new Core.Worlds.Skill("irony", "x", "d", "e")], "Beekeeping", "The hive is old.");
        Assert.Matches(ErrorNaming(), (await grader.GetResponseAsync([new ChatMessage(ChatRole.User, unknown)])).Text);
        Assert.StartsWith("Error: ", (await grader.GetResponseAsync([new ChatMessage(ChatRole.User, "Grade this.")])).Text, StringComparison.Ordinal);
    }

    [GeneratedRegex("^Error: .*'irony'")]
    private static partial Regex ErrorNaming();
}
