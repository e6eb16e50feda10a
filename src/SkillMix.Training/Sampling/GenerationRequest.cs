namespace SkillMix.Training.Sampling;

/// <summary>
/// One prompt for an <see cref="Checkpoints.HfStudent"/> to continue: its token ids (with BOS where the model expects
/// it), at most <see cref="MaxNewTokens"/> new tokens, temperature (0 = greedy), nucleus top-p, and its own seed, so the
/// same request gives the same tokens alone or in any batch.
/// </summary>
public sealed record GenerationRequest(int[] PromptIds, int MaxNewTokens, double Temperature = 0, double TopP = 1.0, long Seed = 1);
