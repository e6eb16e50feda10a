using System.Globalization;
using Microsoft.Extensions.AI;
using SkillMix.Core.Prompts;

namespace SkillMix.Training.Text;

/// <summary>
/// The student's chat template: each turn is a role marker, its text and an end-of-turn marker; a prompt ends with the
/// assistant marker and the answer ends at the next end-of-turn. The compact template rewrites the two Skill-Mix
/// generation prompts into a short fixed form holding exactly what they vary by (skill names and topic; sentence limit)
/// and drops the standard system prompt; messages it cannot parse stay verbatim.
/// </summary>
public static class ChatTemplate
{
    /// <summary>Every word and digit the compact template writes itself, so that a vocabulary built from plain text before
    /// any prompt knows them (single-skill replies name only sentences 1 and 2; a k = 5 revision asks for at most 4).</summary>
    public const string CompactWords = "topic: skills: revise: at most 0123456789 sentence sentences";

    /// <summary>The text a turn contributes under a template.</summary>
    public static string Render(ChatRole role, string text, ChatTemplateKind kind)
    {
        if (kind == ChatTemplateKind.Full || role != ChatRole.User)
        {
            return text;
        }
        if (GenerationPrompt.TryParseTurn1(text, out var skills, out var topic))
        {
            return "topic: " + topic + "\nskills: " + string.Join("; ", skills);
        }
        if (GenerationPrompt.TryParseTurn2(text, out var limit))
        {
            return "revise: at most " + limit.ToString(CultureInfo.InvariantCulture) + (limit == 1 ? " sentence" : " sentences");
        }
        return text;
    }

    /// <summary>Tokens of a whole conversation, and for each token whether the model learns to predict it.</summary>
    public static (int[] Tokens, bool[] Learn) EncodeConversation(Tokenizer tokenizer, Conversation conversation, ChatTemplateKind kind)
    {
        var tokens = new List<int>();
        var learn = new List<bool>();
        foreach (var turn in Visible(conversation.Turns.Select(t => (t.Role, t.Text)), kind))
        {
            var isAnswer = turn.Role == ChatRole.Assistant;
            tokens.Add(MarkerOf(turn.Role));
            learn.Add(false);
            var body = tokenizer.Encode(Render(turn.Role, turn.Text, kind));
            tokens.AddRange(body);
            tokens.Add(Tokenizer.EndOfTurn);
            // The model learns an answer's tokens and where it ends, never the prompts or the role markers.
            learn.AddRange(Enumerable.Repeat(isAnswer, body.Length + 1));
        }
        tokens.Add(Tokenizer.EndOfText);
        learn.Add(false);
        return (tokens.ToArray(), learn.ToArray());
    }

    /// <summary>Tokens of the messages so far, ending with the assistant marker that asks for the next answer.</summary>
    public static int[] EncodePrompt(Tokenizer tokenizer, IEnumerable<ChatMessage> messages, ChatTemplateKind kind)
    {
        var tokens = new List<int>();
        foreach (var (role, text) in Visible(messages.Select(m => (m.Role, m.Text)), kind))
        {
            tokens.Add(MarkerOf(role));
            tokens.AddRange(tokenizer.Encode(Render(role, text, kind)));
            tokens.Add(Tokenizer.EndOfTurn);
        }
        tokens.Add(Tokenizer.Assistant);
        return tokens.ToArray();
    }

    private static IEnumerable<(ChatRole Role, string Text)> Visible(IEnumerable<(ChatRole Role, string Text)> turns, ChatTemplateKind kind) =>
        turns.Where(t => !(kind == ChatTemplateKind.Compact && t.Role == ChatRole.System && t.Text == GenerationPrompt.SystemPrompt));

    private static int MarkerOf(ChatRole role) =>
        role == ChatRole.User ? Tokenizer.User
        : role == ChatRole.Assistant ? Tokenizer.Assistant
        : role == ChatRole.System ? Tokenizer.System
        : throw new ArgumentException($"The student's chat template has no marker for the role '{role}'.", nameof(role));
}
