using SkillMix.Training.Text;

namespace SkillMix.Training.Tests;

public sealed class TokenizerTests
{
    private const string Corpus = "Answer: The hive is a drum.\nExplanation: metaphor in sentence 1.";

    [Fact]
    public void A_word_tokenizer_reads_each_known_word_with_its_space_as_one_token()
    {
        var tokenizer = Tokenizer.Build([Corpus]);
        var ids = tokenizer.Encode("The hive is a drum.");
        Assert.Equal(["The", " hive", " is", " a", " drum", "."], ids.Select(id => tokenizer.Decode([id])));
        Assert.Equal(Corpus, tokenizer.Decode(tokenizer.Encode(Corpus)));
    }

    [Fact]
    public void A_word_seen_only_after_other_characters_still_reads_as_one_word_after_a_space()
    {
        var tokenizer = Tokenizer.Build([Corpus]);
        // "Explanation" came after a newline only: " Explanation" is not a piece, so it is a space and then the word.
        var ids = tokenizer.Encode("drum Explanation");
        Assert.Equal(["drum", " ", "Explanation"], ids.Select(id => tokenizer.Decode([id])));
    }

    [Fact]
    public void An_unseen_word_is_spelt_out_from_its_characters_and_decodes_unchanged()
    {
        var tokenizer = Tokenizer.Build([Corpus]);
        var ids = tokenizer.Encode("The hum is a drum.");
        Assert.Equal(["The", " ", "h", "u", "m", " is", " a", " drum", "."], ids.Select(id => tokenizer.Decode([id])));
        Assert.Equal("The hum is a drum.", tokenizer.Decode(ids));
        Assert.Equal(Tokenizer.Unknown, tokenizer.Encode("z").Single());
    }

    [Fact]
    public void A_char_tokenizer_has_one_token_per_character()
    {
        var tokenizer = Tokenizer.Build([Corpus], TokenizerKind.Char);
        Assert.All(tokenizer.Pieces, p => Assert.Single(p));
        Assert.Equal(Corpus.Distinct().Count(), tokenizer.Pieces.Count);
        Assert.Equal(Corpus.Length, tokenizer.Encode(Corpus).Length);
        Assert.Equal(Corpus, tokenizer.Decode(tokenizer.Encode(Corpus)));
    }

    [Fact]
    public void Word_tokens_make_a_text_several_times_shorter_than_characters()
    {
        var words = Tokenizer.Build([Corpus]).Encode(Corpus).Length;
        Assert.True(words * 3 < Corpus.Length, $"{words} word tokens for {Corpus.Length} characters");
    }

    [Fact]
    public void A_stored_vocabulary_with_a_repeated_or_misshapen_piece_is_refused()
    {
        Assert.Throws<InvalidDataException>(() => Tokenizer.FromPieces(TokenizerKind.Word, ["a", " hive", "a"]));
        Assert.Throws<InvalidDataException>(() => Tokenizer.FromPieces(TokenizerKind.Word, ["a", ""]));
        Assert.Throws<InvalidDataException>(() => Tokenizer.FromPieces(TokenizerKind.Char, ["a", "hive"]));
        var restored = Tokenizer.FromPieces(TokenizerKind.Word, Tokenizer.Build([Corpus]).Pieces);
        Assert.Equal(Corpus, restored.Decode(restored.Encode(Corpus)));
    }
}
