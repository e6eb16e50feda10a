namespace SkillMix.Training.Sampling;

/// <summary>The tokens sampled for one request (without the end marker) and whether it ended at an end marker.</summary>
internal sealed record SampleResult(int[] Tokens, bool Stopped, int PromptTokens);
