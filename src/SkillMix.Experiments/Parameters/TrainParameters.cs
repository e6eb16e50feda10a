namespace SkillMix.Experiments.Parameters;

/// <summary>
/// Train: the base student fine-tuned for <paramref name="FineTuneSteps"/> at the constant
/// <paramref name="FineTuneLearningRate"/> on the kept texts of its training sets (the first <paramref name="MaxExamples"/>
/// when positive).
/// </summary>
public sealed record TrainParameters(
    int FineTuneSteps,
    double FineTuneLearningRate,
    int MaxExamples,
    long Seed,
    TrainingSettings Training) : StepParameters;
