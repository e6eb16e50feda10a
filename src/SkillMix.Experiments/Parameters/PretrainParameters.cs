namespace SkillMix.Experiments.Parameters;

/// <summary>
/// Pretrain: the base student learns the world's language for <paramref name="PretrainSteps"/> on
/// <paramref name="PlainSentences"/> plain sentences and single-skill texts, then is chat-tuned for
/// <paramref name="ChatSteps"/>, its learning rate warming up to <paramref name="StudentLearningRate"/> and decaying along a
/// cosine to <paramref name="PretrainDecay"/> of it.
/// </summary>
public sealed record PretrainParameters(
    WorldIdentity World,
    string Student,
    string StudentPreset,
    string StudentTokenizer,
    int PretrainSteps,
    int ChatSteps,
    int PlainSentences,
    double StudentLearningRate,
    double PretrainDecay,
    long Seed,
    TrainingSettings Training) : StepParameters;
