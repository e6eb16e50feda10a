namespace SkillMix.Experiments.Parameters;

/// <summary>
/// What every training run of the student reads, pretraining and fine-tuning alike: the batch, the optimizer, validation
/// and precision. Each member is the experiment property of the same name; SpecReader holds the defaults (the only ones:
/// the trainer's TrainingConfig has none for these), docs/sdk.md lists them. A new training setting (a LoRA rank, a
/// micro-batch) is one member here and one line in SpecReader: it then enters the key of every step that trains.
/// </summary>
/// <param name="StudentBatchSize">Sequences per optimizer step.</param>
/// <param name="WarmupSteps">Steps of linear warm-up from 0 to the learning rate.</param>
/// <param name="WeightDecay">AdamW's decoupled weight decay on matrices.</param>
/// <param name="Beta1">Adam's first-moment decay.</param>
/// <param name="Beta2">Adam's second-moment decay.</param>
/// <param name="GradientClip">Largest global gradient norm; 0 turns clipping off.</param>
/// <param name="PretrainMix">The fraction of each fine-tuning batch's rows that are plain pretraining text.</param>
/// <param name="EvalEvery">Steps between validation losses and checkpoint saves; 0: only at the end.</param>
/// <param name="EvalBatches">Batches averaged for a validation loss.</param>
/// <param name="ValidationFraction">Fraction of the texts or conversations held out for validation.</param>
/// <param name="Precision">bf16 or fp32 (docs/training.md).</param>
/// <param name="ChatTemplate">How user messages are rendered for the student: compact or full (docs/training.md).</param>
/// <param name="SkillMixNumerics">libtorch's numerics as NumericsKey.KeyText writes them ("pinned/1" or "native"), so a
/// result trained natively is never restored as a pinned one, nor one of another pin version.</param>
public sealed record TrainingSettings(
    int StudentBatchSize,
    int WarmupSteps,
    double WeightDecay,
    double Beta1,
    double Beta2,
    double GradientClip,
    double PretrainMix,
    int EvalEvery,
    int EvalBatches,
    double ValidationFraction,
    string Precision,
    string ChatTemplate,
    string SkillMixNumerics);
