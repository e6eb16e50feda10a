namespace SkillMix.Core.Conversations;

/// <summary>The two-turn generation conversation as it happened, and the text it produced.</summary>
/// <param name="Repeat">Which generation of the combination (1-based).</param>
/// <param name="Model">The model id the backend reported, or the requested one when it reported none.</param>
/// <param name="SystemPrompt">The system message.</param>
/// <param name="Turn1Prompt">The first user message.</param>
/// <param name="Turn1Reply">The first reply.</param>
/// <param name="Turn2Prompt">The second user message.</param>
/// <param name="Turn2Reply">The second reply.</param>
/// <param name="Answer">The text to grade: after the last "Answer:" and before "Explanation" in the second reply.</param>
public sealed record GenerationTranscript(int Repeat, string Model, string SystemPrompt, string Turn1Prompt, string Turn1Reply,
    string Turn2Prompt, string Turn2Reply, string Answer);
