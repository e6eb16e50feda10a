using Microsoft.Extensions.AI;

namespace SkillMix.Training.Text;

/// <summary>One turn of a conversation: who speaks (system, user or assistant) and what.</summary>
public sealed record ConversationTurn(ChatRole Role, string Text);
