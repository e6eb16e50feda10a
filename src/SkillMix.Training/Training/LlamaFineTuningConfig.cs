using SkillMix.Training.Training.Lora;
using SkillMix.Training.Training.Memory;

namespace SkillMix.Training.Training;

/// <summary>
/// The settings of a LLaMA-family fine-tune. The defaults are the paper's recipe (Adam, lr 2e-5 after 64 warm-up steps
/// then constant, batch 64, max length 1024, full fine-tuning); a run states only what differs.
/// </summary>
public sealed record LlamaFineTuningConfig
{
    /// <summary>Optimizer steps (each one batch of <see cref="BatchSize"/> rows).</summary>
    public int Steps { get; init; } = 100;

    /// <summary>Rows (conversations or pretraining chunks) per optimizer step; the paper's 64.</summary>
    public int BatchSize { get; init; } = 64;

    /// <summary>Rows per forward/backward pass; gradients accumulate over BatchSize / MicroBatch passes.</summary>
    public int MicroBatch { get; init; } = 4;

    /// <summary>The learning rate after warm-up; the paper's 2e-5.</summary>
    public double LearningRate { get; init; } = 2e-5;

    /// <summary>Steps of linear warm-up from 0, then the rate stays constant (the paper's schedule).</summary>
    public int WarmupSteps { get; init; } = 64;

    /// <summary>Most tokens of a row; a longer conversation is refused (SKMX044), never cut: cutting drops the second answer.</summary>
    public int MaxLength { get; init; } = 1024;

    /// <summary>Fraction of each batch's rows taken from the plain pretraining text (when given); the paper's ratio is unpublished.</summary>
    public double PretrainMixRatio { get; init; } = 0.0;

    /// <summary>Adam's beta1 (PyTorch's default).</summary>
    public double Beta1 { get; init; } = 0.9;

    /// <summary>Adam's beta2 (PyTorch's default).</summary>
    public double Beta2 { get; init; } = 0.999;

    /// <summary>Decoupled weight decay; 0 is plain Adam, as the paper used.</summary>
    public double WeightDecay { get; init; } = 0.0;

    /// <summary>Clip the gradient's global norm to this; 0 turns clipping off.</summary>
    public double GradientClip { get; init; } = 1.0;

    /// <summary>LoRA settings, or null for full fine-tuning (the paper's).</summary>
    public LoraConfig? Lora { get; init; }

    /// <summary>With LoRA: write a merged Hugging Face folder instead of a PEFT adapter.</summary>
    public bool MergeLora { get; init; }

    /// <summary>fp32; bf16 forward/backward over fp32 master weights and Adam state; or everything bf16.</summary>
    public MemoryMode Precision { get; init; } = MemoryMode.Fp32;

    /// <summary>Recompute each decoder layer in backward instead of keeping its activations.</summary>
    public bool CheckpointActivations { get; init; }

    /// <summary>Save a resumable state every this many steps (and on cancellation); 0 saves only on cancellation.</summary>
    public int SaveEvery { get; init; } = 50;

    /// <summary>Seeds the data order, the pretraining chunks, LoRA's init and dropout.</summary>
    public long Seed { get; init; } = 1;

    /// <summary>cpu, cuda or cuda:N.</summary>
    public string Device { get; init; } = "cpu";

    /// <summary>At most one progress line per this many seconds (plus the first and last step).</summary>
    public double ProgressSeconds { get; init; } = 10;
}
