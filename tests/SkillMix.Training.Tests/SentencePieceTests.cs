using SkillMix.Core.Checkpoints;
using System.Text.Json;
using SkillMix.Training.Checkpoints;
using SkillMix.Training.Text;

namespace SkillMix.Training.Tests;

/// <summary>
/// The SentencePiece BPE encoder against sentencepiece itself: Fixtures/sentencepiece/make-fixtures.py trains small
/// LLaMA-style models with the reference library and records its ids for adversarial and random strings.
/// </summary>
public sealed class SentencePieceTests
{
    public static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "sentencepiece", name);

    public static JsonElement Cases(string model)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(Fixture(model + ".cases.json")));
        return document.RootElement.Clone();
    }

    [Theory]
    [InlineData("llama-bpe")]
    [InlineData("small-bpe")]
    [InlineData("nobytes-bpe")]
    public void Ids_equal_sentencepieces_on_every_recorded_string(string model)
    {
        var tokenizer = SentencePieceTokenizer.Load(Fixture(model + ".model"));
        var cases = Cases(model).GetProperty("encode").EnumerateArray().ToArray();
        Assert.True(cases.Length > 300);
        var wrong = new List<string>();
        foreach (var c in cases)
        {
            var text = c.GetProperty("text").GetString()!;
            var expected = c.GetProperty("ids").EnumerateArray().Select(e => e.GetInt32()).ToArray();
            var ids = tokenizer.Encode(text);
            if (!ids.SequenceEqual(expected))
            {
                wrong.Add($"{JsonSerializer.Serialize(text)}: expected [{string.Join(",", expected)}], got [{string.Join(",", ids)}]");
            }
            else if (tokenizer.Decode(ids) != c.GetProperty("decoded").GetString())
            {
                wrong.Add($"{JsonSerializer.Serialize(text)}: decoded as {JsonSerializer.Serialize(tokenizer.Decode(ids))}");
            }
        }
        Assert.True(wrong.Count == 0, $"{wrong.Count} of {cases.Length} differ:\n" + string.Join("\n", wrong.Take(20)));
    }

    [Fact]
    public void Runs_of_one_character_merge_from_the_left_as_sentencepiece_does()
    {
        // The case Microsoft.ML.Tokenizers 3.0 gets wrong: equal-score pairs must merge leftmost first.
        var tokenizer = SentencePieceTokenizer.Load(Fixture("llama-bpe.model"));
        var runs = Cases("llama-bpe").GetProperty("encode").EnumerateArray()
            .Where(c => c.GetProperty("text").GetString() is { Length: >= 5 } t && t.Distinct().Count() == 1).ToArray();
        Assert.NotEmpty(runs);
        foreach (var c in runs)
        {
            Assert.Equal(c.GetProperty("ids").EnumerateArray().Select(e => e.GetInt32()), tokenizer.Encode(c.GetProperty("text").GetString()!));
        }
    }

    [Fact]
    public void Special_ids_come_from_the_model_and_text_never_encodes_to_them()
    {
        var tokenizer = SentencePieceTokenizer.Load(Fixture("llama-bpe.model"));
        Assert.Equal((0, 1, 2, 420), (tokenizer.UnkId, tokenizer.BosId, tokenizer.EosId, tokenizer.VocabSize));
        var ids = tokenizer.Encode("<s> </s> <unk>");
        Assert.DoesNotContain(1, ids);
        Assert.DoesNotContain(2, ids);
    }

    [Fact]
    public void A_file_that_is_not_a_bpe_model_is_refused()
    {
        var path = Path.Combine(Tiny.TempFolder(), "tokenizer.model");
        File.WriteAllBytes(path, [0x0a, 0xff, 0xff]);
        Assert.Equal(CheckpointException.TokenizerMismatch, Assert.Throws<CheckpointException>(() => SentencePieceTokenizer.Load(path)).Code);
    }

    [Fact]
    public void A_tokenizer_whose_vocabulary_differs_from_the_embedding_is_refused()
    {
        var random = RandomLlama.Write(RandomLlama.LlamaConfig(), "F32");
        File.Copy(Fixture("llama-bpe.model"), Path.Combine(random.Folder, "tokenizer.model"));
        var e = Assert.Throws<CheckpointException>(() => HfStudent.Load(random.Folder).Dispose());
        Assert.Equal(CheckpointException.TokenizerMismatch, e.Code);
        Assert.Contains("420 pieces", e.Message, StringComparison.Ordinal);
        Assert.Contains("40 rows", e.Message, StringComparison.Ordinal);
    }
}
