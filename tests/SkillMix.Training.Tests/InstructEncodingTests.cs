using SkillMix.Core.Checkpoints;
using System.Text.Json;
using Microsoft.Extensions.AI;
using SkillMix.Training.Checkpoints;
using SkillMix.Training.Text;

namespace SkillMix.Training.Tests;

/// <summary>
/// Llama-2-Chat and Mistral-Instruct v0.2 encodings against ids the fixture script built from the published definitions
/// with the reference sentencepiece (Fixtures/sentencepiece/make-fixtures.py).
/// </summary>
public sealed class InstructEncodingTests
{
    private static readonly SentencePieceTokenizer Tokenizer = SentencePieceTokenizer.Load(SentencePieceTests.Fixture("llama-bpe.model"));

    public static TheoryData<int> ChatCases() => new(Enumerable.Range(0, SentencePieceTests.Cases("llama-bpe").GetProperty("chat").GetArrayLength()));

    [Theory]
    [MemberData(nameof(ChatCases))]
    public void Ids_and_loss_mask_equal_the_published_templates_token_for_token(int index)
    {
        var c = SentencePieceTests.Cases("llama-bpe").GetProperty("chat")[index];
        var format = c.GetProperty("format").GetString() == "llama2" ? InstructFormat.Llama2Chat : InstructFormat.MistralInstruct;
        var turns = new List<ConversationTurn>();
        if (c.GetProperty("system").ValueKind == JsonValueKind.String)
        {
            turns.Add(new ConversationTurn(ChatRole.System, c.GetProperty("system").GetString()!));
        }
        turns.AddRange(c.GetProperty("turns").EnumerateArray().Select(t =>
            new ConversationTurn(new ChatRole(t.GetProperty("role").GetString()!), t.GetProperty("text").GetString()!)));
        var encoded = InstructEncoding.Encode(format, Tokenizer, turns);
        Assert.Equal(c.GetProperty("ids").EnumerateArray().Select(e => e.GetInt32()), encoded.Ids);
        Assert.Equal(c.GetProperty("loss").EnumerateArray().Select(e => e.GetInt32() == 1), encoded.Loss);
    }

    [Fact]
    public void The_loss_covers_both_answers_and_their_eos_and_nothing_else()
    {
        var turns = new[]
        {
            new ConversationTurn(ChatRole.User, "topic: bees"), new ConversationTurn(ChatRole.Assistant, "The hive hums."),
            new ConversationTurn(ChatRole.User, "shorter"), new ConversationTurn(ChatRole.Assistant, "Bees hum."),
        };
        foreach (var format in new[] { InstructFormat.Llama2Chat, InstructFormat.MistralInstruct })
        {
            var encoded = InstructEncoding.Encode(format, Tokenizer, turns);
            var learned = encoded.Ids.Where((_, i) => encoded.Loss[i]).ToArray();
            Assert.Equal(2, learned.Count(id => id == Tokenizer.EosId));
            Assert.Equal(Tokenizer.EosId, learned[^1]);
            var eos = Array.IndexOf(learned, Tokenizer.EosId);
            Assert.Equal("The hive hums.", Tokenizer.Decode(learned[..eos]).Trim());
            Assert.Equal("Bees hum.", Tokenizer.Decode(learned[(eos + 1)..^1]).Trim());
            Assert.All(encoded.Ids.Where((_, i) => !encoded.Loss[i]), id => Assert.NotEqual(Tokenizer.EosId, id));
        }
    }

    [Fact]
    public void A_conversation_longer_than_the_context_is_an_error_and_turns_must_alternate()
    {
        var turns = new[] { new ConversationTurn(ChatRole.User, string.Join(" ", Enumerable.Repeat("bees", 50))) };
        var e = Assert.Throws<CheckpointException>(() => InstructEncoding.Encode(InstructFormat.MistralInstruct, Tokenizer, turns, contextLength: 32));
        Assert.Equal(CheckpointException.TooLong, e.Code);
        Assert.Throws<ArgumentException>(() => InstructEncoding.Encode(InstructFormat.Llama2Chat, Tokenizer,
            [new ConversationTurn(ChatRole.Assistant, "first"), new ConversationTurn(ChatRole.User, "second")]));
    }
}
