using SkillMix.Training.Text;

namespace SkillMix.Training.Training;

/// <summary>
/// What a LLaMA-family fine-tune learns from, in token ids: conversations with their loss masks (the answers and their
/// EOS), and optionally plain pretraining text as one stream (each text BOS ... EOS). <see cref="Source"/> names where they
/// came from in error messages.
/// </summary>
public sealed record LlamaTrainingSet(IReadOnlyList<EncodedChat> Chats, int[] Text, string Source = "the training set")
{
    /// <summary>Encodes conversations as the student was instruction-tuned and texts as one BOS/EOS-separated stream.</summary>
    public static LlamaTrainingSet Encode(
        InstructFormat format, SentencePieceTokenizer tokenizer, IEnumerable<Conversation> conversations, IEnumerable<string> texts, string source)
    {
        var chats = conversations.Select(c => InstructEncoding.Encode(format, tokenizer, c.Turns)).ToArray();
        var text = texts.SelectMany(t => tokenizer.Encode(t).Prepend(tokenizer.BosId).Append(tokenizer.EosId)).ToArray();
        return new LlamaTrainingSet(chats, text, source);
    }
}
