namespace SkillMix.Training.Training;

/// <summary>The number format of the forward and backward passes; weights and optimizer state stay fp32 either way.</summary>
public enum TrainingPrecision
{
    /// <summary>Everything in float32.</summary>
    Fp32,

    /// <summary>
    /// Forward and backward in bfloat16 on a copy of the weights, with float32 master weights, optimizer state and loss:
    /// what autocast does, which TorchSharp lacks. Faster on CPUs with AVX512-BF16.
    /// </summary>
    Bf16,
}
