using Microsoft.Extensions.AI;
using SkillMix.Core.Sampling;
using SkillMix.Training.Chat;
using SkillMix.Training.Checkpoints;
using SkillMix.Training.Sampling;
using SkillMix.Training.Text;

namespace SkillMix.Training.Tests;

[Collection(TrainedStudentCollection.Name)]
public sealed class SamplingTests(TrainedStudent trained)
{
    private static readonly ChatOptions Greedy = new() { Temperature = 0 };

    [Fact]
    public async Task The_fine_tuned_student_answers_both_turns_and_stops_at_the_end_marker()
    {
        using var client = new StudentChatClient(trained.Student);
        List<ChatMessage> messages = [new(ChatRole.User, "topic: sewing")];
        var first = await client.GetResponseAsync(messages, Greedy);
        Assert.Equal(Tiny.AnswerFor("sewing"), first.Text);
        Assert.Equal(ChatFinishReason.Stop, first.FinishReason);
        messages.AddRange([new(ChatRole.Assistant, first.Text), new(ChatRole.User, "shorter")]);
        var second = await client.GetResponseAsync(messages, Greedy);
        Assert.Equal("sewing!", second.Text);
        Assert.Equal(ChatFinishReason.Stop, second.FinishReason);
    }

    [Fact]
    public async Task Max_output_tokens_cuts_the_answer_and_says_so()
    {
        using var client = new StudentChatClient(trained.Student);
        var response = await client.GetResponseAsync([new(ChatRole.User, "topic: bees")], new ChatOptions { Temperature = 0, MaxOutputTokens = 5 });
        // The student reads words: the first five are "Answer", ":", " bees", " are", " fun".
        Assert.Equal("Answer: bees are fun", response.Text);
        Assert.Equal(ChatFinishReason.Length, response.FinishReason);
        Assert.Equal(5, response.Usage!.OutputTokenCount);
        // <|user|> + "topic", ":", " bees" + <|end|> + <|assistant|>
        Assert.Equal(6, response.Usage.InputTokenCount);
        Assert.Equal(client.ModelId, response.ModelId);
        Assert.StartsWith("skillmix-student:", response.ModelId);
    }

    [Fact]
    public async Task Zero_output_tokens_and_prompts_longer_than_the_context_are_handled()
    {
        using var client = new StudentChatClient(trained.Student);
        var none = await client.GetResponseAsync([new(ChatRole.User, "topic: bees")], new ChatOptions { MaxOutputTokens = 0 });
        Assert.Equal("", none.Text);
        Assert.Equal(ChatFinishReason.Length, none.FinishReason);
        // The tiny context is 96 tokens; an unseen word is spelt out, one token per character, so the prompt keeps its
        // last 95 characters, which leaves room for one new token.
        var longPrompt = await client.GetResponseAsync([new(ChatRole.User, new string('k', 300))], new ChatOptions { Temperature = 0 });
        Assert.True(longPrompt.Usage!.OutputTokenCount <= 1);
        Assert.Equal(95, longPrompt.Usage.InputTokenCount);
    }

    [Fact]
    public async Task Same_seed_and_repeat_give_the_same_text_and_another_repeat_another()
    {
        using var client = new StudentChatClient(trained.Student);
        // An unfamiliar prompt at temperature 1 leaves the student uncertain, so draws differ.
        List<ChatMessage> prompt = [new(ChatRole.User, "topic: quilts and bees and knots")];
        ChatOptions Options(long seed, int repeat) => new()
        {
            Temperature = 1.0f,
            MaxOutputTokens = 40,
            Seed = seed,
            AdditionalProperties = new() { [StudentChatClient.RepeatProperty] = repeat },
        };
        var a = await client.GetResponseAsync(prompt, Options(7, 1));
        var again = await client.GetResponseAsync(prompt, Options(7, 1));
        var otherRepeat = await client.GetResponseAsync(prompt, Options(7, 2));
        var otherSeed = await client.GetResponseAsync(prompt, Options(8, 1));
        Assert.Equal(a.Text, again.Text);
        Assert.NotEqual(a.Text, otherRepeat.Text);
        Assert.NotEqual(a.Text, otherSeed.Text);
    }

    [Fact]
    public async Task Concurrent_requests_are_batched_and_each_gets_its_own_answer()
    {
        using var client = new StudentChatClient(trained.Student, new StudentChatOptions { MaxBatch = 3 });
        var calls = Tiny.Topics.Concat(Tiny.Topics)
            .Select(t => client.GetResponseAsync([new ChatMessage(ChatRole.User, "topic: " + t)], Greedy))
            .ToArray();
        var answers = await Task.WhenAll(calls);
        Assert.Equal(Tiny.Topics.Concat(Tiny.Topics).Select(Tiny.AnswerFor), answers.Select(a => a.Text));
        var batch = await client.GetResponsesAsync(Tiny.Topics.Select(t => (IEnumerable<ChatMessage>)[new ChatMessage(ChatRole.User, "topic: " + t)]).ToArray(), Greedy);
        Assert.Equal(Tiny.Topics.Select(Tiny.AnswerFor), batch.Select(a => a.Text));
    }

    [Fact]
    public void Sampling_with_and_without_the_kv_cache_agrees()
    {
        var tokenizer = trained.Student.Tokenizer;
        SampleRequest Request(string text, int repeat) => new(
            ChatTemplate.EncodePrompt(tokenizer, [new ChatMessage(ChatRole.User, text)], ChatTemplateKind.Compact),
            0.8, 30, SeededRandom.ForStream(1, "test", repeat));
        // Prompts of different lengths exercise the left padding and per-sequence positions.
        string[] prompts = ["topic: knots", "topic: sewing and more", "x"];
        var cached = Sampler.Generate(trained.Student.Model, prompts.Select((p, i) => Request(p, i)).ToArray(), useKvCache: true);
        var recomputed = Sampler.Generate(trained.Student.Model, prompts.Select((p, i) => Request(p, i)).ToArray(), useKvCache: false);
        Assert.Equal(cached.Select(r => tokenizer.Decode(r.Tokens)), recomputed.Select(r => tokenizer.Decode(r.Tokens)));
        var alone = prompts.Select((p, i) => Sampler.Generate(trained.Student.Model, [Request(p, i)])[0]);
        Assert.Equal(cached.Select(r => tokenizer.Decode(r.Tokens)), alone.Select(r => tokenizer.Decode(r.Tokens)));
    }

    [Fact]
    public void Greedy_picks_the_largest_logit_and_temperature_follows_the_softmax()
    {
        Assert.Equal(2, Sampler.Pick([0.1f, 0.5f, 3f, -1f], 0, new SeededRandom(1)));
        // With logits ln(1), ln(3), the second token has probability 3/4 at temperature 1.
        var random = new SeededRandom(5);
        var draws = Enumerable.Range(0, 4000).Count(_ => Sampler.Pick([0f, MathF.Log(3)], 1.0, random) == 1);
        Assert.InRange(draws / 4000.0, 0.72, 0.78);
    }

    [Fact]
    public void Top_p_keeps_the_smallest_set_of_likely_tokens_and_renormalises()
    {
        float[] logits = [MathF.Log(0.6f), MathF.Log(0.3f), MathF.Log(0.1f)];
        var random = new SeededRandom(8);
        Assert.All(Enumerable.Range(0, 200), _ => Assert.Equal(0, Sampler.Pick(logits, 1.0, random, topP: 0.5)));
        var draws = Enumerable.Range(0, 6000).Select(_ => Sampler.Pick(logits, 1.0, random, topP: 0.8)).ToArray();
        Assert.DoesNotContain(2, draws);
        Assert.InRange(draws.Count(d => d == 1) / 6000.0, 0.30, 0.37);
        Assert.Contains(2, Enumerable.Range(0, 400).Select(_ => Sampler.Pick(logits, 1.0, random, topP: 1.0)));
    }

    [Fact]
    public async Task A_loaded_checkpoint_samples_exactly_like_the_one_saved()
    {
        using var reloaded = Student.Load(trained.FineTunedFolder);
        Assert.Equal(trained.Student.Id, reloaded.Id);
        var options = new ChatOptions { Temperature = 1.0f, MaxOutputTokens = 40, Seed = 3 };
        List<ChatMessage> prompt = [new(ChatRole.User, "topic: odd things")];
        var first = await new StudentChatClient(trained.Student).GetResponseAsync(prompt, options);
        var second = await new StudentChatClient(reloaded).GetResponseAsync(prompt, options);
        Assert.Equal(first.Text, second.Text);
    }
}
