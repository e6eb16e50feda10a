using SkillMix.Training.Model;
using SkillMix.Training.Runtime;
using SkillMix.Training.Text;

namespace SkillMix.Training.Training;

/// <summary>
/// How a student is trained. The paper fine-tunes for 4,000 steps of batch 64 with Adam, a linear warm-up over 64 steps
/// and then a constant learning rate of 2e-5. Every setting that changes what is learned is required: the experiment's
/// defaults are in one place, SpecReader (docs/sdk.md), and reach the trainer through the step's parameters, so none can
/// differ from what the step's key says. What only locates or paces the run (device, threads, progress) has a default.
/// </summary>
public sealed record TrainingConfig
{
    /// <summary>The model to build when pretraining; fine-tuning keeps the base checkpoint's model.</summary>
    public GptConfig Model { get; init; } = new();

    /// <summary>Optimizer steps.</summary>
    public required int Steps { get; init; }

    /// <summary>Sequences per step.</summary>
    public required int BatchSize { get; init; }

    /// <summary>Learning rate after the warm-up (kept constant, as in the paper, unless <see cref="DecayTo"/> is below 1).</summary>
    public required double LearningRate { get; init; }

    /// <summary>The fraction of <see cref="LearningRate"/> reached at the last step, along a cosine after the warm-up; 1 keeps
    /// the rate constant (the paper's fine-tuning schedule). The base student's pretraining decays, as LLM pretraining does.</summary>
    public double DecayTo { get; init; } = 1.0;

    /// <summary>Steps of linear warm-up from 0 to <see cref="LearningRate"/>.</summary>
    public required int WarmupSteps { get; init; }

    /// <summary>AdamW's decoupled weight decay on matrices (biases, norms and embeddings' positions are not decayed).</summary>
    public required double WeightDecay { get; init; }

    /// <summary>Adam's first-moment decay.</summary>
    public required double Beta1 { get; init; }

    /// <summary>Adam's second-moment decay.</summary>
    public required double Beta2 { get; init; }

    /// <summary>Largest global gradient norm; larger gradients are scaled down. 0 turns clipping off.</summary>
    public required double GradientClip { get; init; }

    /// <summary>Seeds the initial weights, the validation split and every batch.</summary>
    public required long Seed { get; init; }

    /// <summary>When fine-tuning, the fraction of each batch's rows that are plain pretraining text (the paper mixes some in).</summary>
    public required double PretrainMixRatio { get; init; }

    /// <summary>What a token is when pretraining builds a new student; fine-tuning keeps the base checkpoint's tokenizer.</summary>
    public TokenizerKind Tokenizer { get; init; } = TokenizerKind.Word;

    /// <summary>How user messages are rendered (compact suits the tiny student; docs/training.md).</summary>
    public required ChatTemplateKind Template { get; init; }

    /// <summary>Steps between validation losses (and checkpoint saves); 0 evaluates only at the end.</summary>
    public required int EvalEvery { get; init; }

    /// <summary>Batches averaged for a validation loss.</summary>
    public required int EvalBatches { get; init; }

    /// <summary>Fraction of the texts or conversations held out for validation.</summary>
    public required double ValidationFraction { get; init; }

    /// <summary>Seconds between progress lines.</summary>
    public double ProgressSeconds { get; init; } = 2;

    /// <summary>bf16: forward and backward passes in bfloat16 over float32 master weights (as fast as fp32 or up to 2.8x
    /// faster for the default student on this project's AVX512-BF16 CPUs; docs/performance.md); fp32 where bfloat16 is slow.
    /// A pinned process (<see cref="Core.Numerics.NumericsMode.Pinned"/>) trains in fp32 whatever this says.</summary>
    public required TrainingPrecision Precision { get; init; }

    /// <summary>cpu, cuda or cuda:N.</summary>
    public string Device { get; init; } = "cpu";

    /// <summary>CPU threads for libtorch (process-wide); 0 keeps libtorch's default of one per core. On a machine shared
    /// with other work, 1 is often faster for tiny models: OpenMP threads spin while waiting for each other. A pinned
    /// process (<see cref="Core.Numerics.NumericsMode.Pinned"/>) ignores it: its thread count is part of the pin.</summary>
    public int Threads { get; init; }
}
