using SkillMix.Training.Training.Lora;

namespace SkillMix.Training.Training.Memory;

/// <summary>One training step's configuration, as far as memory is concerned.</summary>
public sealed record MemoryPlanRequest
{
    public required DecoderShape Shape { get; init; }

    /// <summary>Tokens per sequence (the paper's maximum length is 1024).</summary>
    public int SequenceLength { get; init; } = 1024;

    /// <summary>Sequences per forward and backward pass; gradient accumulation reaches the batch size without more memory.</summary>
    public int MicroBatch { get; init; } = 1;

    public MemoryMode Mode { get; init; } = MemoryMode.Bf16MasterFp32;

    /// <summary>LoRA's settings, or null for full fine-tuning.</summary>
    public LoraConfig? Lora { get; init; }

    public bool ActivationCheckpointing { get; init; }

    /// <summary>The GPU's memory in GiB (SkillMixGpuMemoryGiB; 80 for an A100 or H100 80 GB).</summary>
    public double GpuMemoryGiB { get; init; } = 80;
}
