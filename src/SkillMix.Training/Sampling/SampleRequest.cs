using SkillMix.Core.Sampling;

namespace SkillMix.Training.Sampling;

/// <summary>
/// One sequence to continue: its prompt tokens, its temperature, nucleus (top-p) and length cap, and its own random stream.
/// </summary>
internal sealed record SampleRequest(int[] Prompt, double Temperature, int MaxNewTokens, SeededRandom Random, double TopP = 1.0);
