using SkillMix.Core.Records;
using SkillMix.Training.Text;

namespace SkillMix.Steps;

/// <summary>A generation record as the student learns from it: PROMPT1 + ANSWER1 + PROMPT2 + ANSWER2 (P1).</summary>
internal static class Conversations
{
    public static Conversation Of(GenerationRecord record) => new(
    [
        new ConversationTurn(Microsoft.Extensions.AI.ChatRole.User, record.Turn1Prompt),
        new ConversationTurn(Microsoft.Extensions.AI.ChatRole.Assistant, record.Turn1Reply),
        new ConversationTurn(Microsoft.Extensions.AI.ChatRole.User, record.Turn2Prompt),
        new ConversationTurn(Microsoft.Extensions.AI.ChatRole.Assistant, record.Turn2Reply),
    ]);
}
