namespace SkillMix.Core.Records;

/// <summary>One row of a generation records.csv written by Skill-Mix's code.</summary>
/// <param name="Line">The line the row starts on.</param>
/// <param name="K">The number of skills.</param>
/// <param name="Skills">The skill names in prompt order.</param>
/// <param name="Topic">The topic.</param>
/// <param name="SystemPrompt">The system prompt.</param>
/// <param name="Turns">The turns, in order (turn i from the columns user_i, assistant_i, model_input_i, text_i).</param>
public sealed record P2GenerationRow(int Line, int K, IReadOnlyList<string> Skills, string Topic, string SystemPrompt,
    IReadOnlyList<P2Turn> Turns);
