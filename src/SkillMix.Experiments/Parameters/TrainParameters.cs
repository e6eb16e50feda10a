namespace SkillMix.Experiments.Parameters;

/// <summary>
/// Train: the base student fine-tuned for <paramref name="FineTuneSteps"/> at the constant
/// <paramref name="FineTuneLearningRate"/> on the kept texts of its training sets (the first <paramref name="MaxExamples"/>
/// when positive). An hf: student has no pretrain step: its base is the checkpoint, whose content hash is
/// <paramref name="StudentCheckpoint"/> (absent for the tiny student, whose base is the pretrain step's output).
/// </summary>
public sealed record TrainParameters(
    int FineTuneSteps,
    double FineTuneLearningRate,
    int MaxExamples,
    long Seed,
    TrainingSettings Training,
    string? StudentCheckpoint = null) : StepParameters;
