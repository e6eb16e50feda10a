using SkillMix.Core.Checkpoints;
using Microsoft.Extensions.AI;
using SkillMix.Core.Conversations;
using SkillMix.Training.Chat;
using SkillMix.Training.Checkpoints;
using SkillMix.Training.Text;

namespace SkillMix.Training.Tests;

/// <summary>The chat client of a Hugging Face student: an answer depends on its request alone, not on its batch.</summary>
public sealed class HfChatClientTests
{
    private static HfStudent Student()
    {
        var tokenizer = SentencePieceTests.Fixture("llama-bpe.model");
        var config = RandomLlama.LlamaConfig();
        config["vocab_size"] = SentencePieceTokenizer.Load(tokenizer).VocabSize;
        config["max_position_embeddings"] = 512;
        var checkpoint = RandomLlama.Write(config, "F32");
        File.Copy(tokenizer, Path.Combine(checkpoint.Folder, "tokenizer.model"));
        return HfStudent.Load(checkpoint.Folder);
    }

    private static ChatMessage[] Conversation(string topic) =>
        [new(ChatRole.User, $"Write one sentence about {topic}."), new(ChatRole.Assistant, "The sky is blue."), new(ChatRole.User, "Now shorter.")];

    private static ChatOptions Options(int repeat) => new()
    {
        Temperature = 0.7f, MaxOutputTokens = 12, Seed = 9,
        AdditionalProperties = new AdditionalPropertiesDictionary { [ChatOptionKeys.Repeat] = repeat },
    };

    [Fact]
    public async Task An_answer_is_the_same_alone_and_in_a_batch_and_another_repeat_draws_again()
    {
        using var student = Student();
        using var client = new HfChatClient(student);

        var alone = await client.GetResponseAsync(Conversation("rivers"), Options(1));
        var batch = await Task.WhenAll(
            client.GetResponseAsync(Conversation("mountains and valleys far away"), Options(1)),
            client.GetResponseAsync(Conversation("rivers"), Options(1)),
            client.GetResponseAsync(Conversation("rivers"), Options(2)));

        Assert.Equal(InstructFormat.Llama2Chat, client.Format);
        Assert.Equal(alone.Text, batch[1].Text);
        Assert.Equal(alone.Usage!.InputTokenCount, batch[1].Usage!.InputTokenCount);
        Assert.NotEqual(alone.Text, batch[2].Text);
        Assert.StartsWith("skillmix-hf:", alone.ModelId, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_conversation_with_its_new_tokens_longer_than_the_context_is_SKMX044()
    {
        using var student = Student();
        using var client = new HfChatClient(student);

        var e = await Assert.ThrowsAsync<SkillMix.Core.Checkpoints.CheckpointException>(() =>
            client.GetResponseAsync(Conversation(string.Concat(Enumerable.Repeat("long rivers ", 200))), Options(1)));

        Assert.Equal("SKMX044", e.Code);
    }
}
