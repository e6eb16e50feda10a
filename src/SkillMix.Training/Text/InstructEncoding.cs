using SkillMix.Core.Checkpoints;
using Microsoft.Extensions.AI;
using SkillMix.Training.Checkpoints;

namespace SkillMix.Training.Text;

/// <summary>
/// Encodes a conversation turn by turn, at token level, exactly as each real student was trained: BOS and EOS are ids
/// inserted between separately encoded pieces, never the strings "&lt;s&gt;"/"&lt;/s&gt;" inside a rendered template
/// (tokenizing such a string gives wrong ids from the second turn on). The loss falls on each answer's tokens and its
/// EOS. A conversation ending with a user turn is a prompt: the model answers after its last "[/INST]".
/// </summary>
public static class InstructEncoding
{
    private const string SystemOpen = "<<SYS>>\n", SystemClose = "\n<</SYS>>\n\n";

    /// <summary>
    /// Encodes an optional system turn, then alternating user and assistant turns starting with a user turn.
    /// <paramref name="contextLength"/>, when given, is the most tokens the result may have.
    /// </summary>
    public static EncodedChat Encode(InstructFormat format, SentencePieceTokenizer tokenizer, IReadOnlyList<ConversationTurn> turns, int? contextLength = null)
    {
        var system = turns.Count > 0 && turns[0].Role == ChatRole.System ? turns[0].Text : null;
        var dialog = turns.Skip(system is null ? 0 : 1).ToArray();
        if (dialog.Length == 0 || dialog.Where((t, i) => t.Role != (i % 2 == 0 ? ChatRole.User : ChatRole.Assistant)).Any())
        {
            throw new ArgumentException("A conversation is an optional system turn, then user and assistant turns alternating, starting with the user.", nameof(turns));
        }
        var (ids, loss) = (new List<int>(), new List<bool>());
        void Add(IEnumerable<int> piece, bool learned)
        {
            foreach (var id in piece)
            {
                ids.Add(id);
                loss.Add(learned);
            }
        }
        if (format == InstructFormat.Llama2Chat)
        {
            // Meta's reference (llama/generation.py): the system prompt joins the first user message inside <<SYS>>;
            // prompt and answer are stripped; an exchange is [BOS] "[INST] {prompt} [/INST] {answer} " [EOS].
            for (var i = 0; i < dialog.Length; i += 2)
            {
                var user = i == 0 && system is not null ? SystemOpen + system + SystemClose + dialog[0].Text : dialog[i].Text;
                var head = tokenizer.Encode($"[INST] {user.Trim()} [/INST]");
                if (i + 1 == dialog.Length)
                {
                    Add([tokenizer.BosId, .. head], learned: false);
                    break;
                }
                var exchange = tokenizer.Encode($"[INST] {user.Trim()} [/INST] {dialog[i + 1].Text.Trim()} ");
                // The prompt's tokens are a prefix of the exchange's ("[/INST]" ends on a piece boundary); where a
                // tokenizer ever joined across it, the answer starts where the two first differ.
                var shared = head.Zip(exchange).TakeWhile(p => p.First == p.Second).Count();
                Add([tokenizer.BosId, .. exchange[..shared]], learned: false);
                Add([.. exchange[shared..], tokenizer.EosId], learned: true);
            }
        }
        else
        {
            // mistral_common's instruct tokenizer (V1, used by Mistral-7B-Instruct v0.2): one BOS; "[INST] {user} [/INST]"
            // per user message, the system prompt and a blank line before the first; each answer then EOS.
            Add([tokenizer.BosId], learned: false);
            for (var i = 0; i < dialog.Length; i++)
            {
                if (dialog[i].Role == ChatRole.User)
                {
                    var user = i == 0 && system is not null ? system + "\n\n" + dialog[0].Text : dialog[i].Text;
                    Add(tokenizer.Encode($"[INST] {user} [/INST]"), learned: false);
                }
                else
                {
                    Add([.. tokenizer.Encode(dialog[i].Text), tokenizer.EosId], learned: true);
                }
            }
        }
        if (contextLength is { } context && ids.Count > context)
        {
            throw new CheckpointException(CheckpointException.TooLong,
                $"A conversation of {ids.Count} tokens is longer than the student's context of {context} tokens; shorten it or leave it out of the training set.");
        }
        return new EncodedChat(ids.ToArray(), loss.ToArray());
    }
}
