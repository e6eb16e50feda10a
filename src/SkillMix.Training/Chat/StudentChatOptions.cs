using SkillMix.Training.Text;

namespace SkillMix.Training.Chat;

/// <summary>
/// Sampling defaults of a student chat client; a request's ChatOptions (Temperature, MaxOutputTokens, Seed) override them.
/// The defaults are Skill-Mix's settings for open models: temperature 0.7, at most 512 new tokens.
/// </summary>
public sealed record StudentChatOptions
{
    /// <summary>Softmax temperature; 0 samples greedily.</summary>
    public double Temperature { get; init; } = 0.7;

    /// <summary>New tokens at most per answer (the context length caps it further).</summary>
    public int MaxOutputTokens { get; init; } = 512;

    /// <summary>Seed of a request that names none.</summary>
    public long Seed { get; init; }

    /// <summary>Requests sampled together at most.</summary>
    public int MaxBatch { get; init; } = 64;

    /// <summary>The chat template; null uses the one the student was fine-tuned with.</summary>
    public ChatTemplateKind? Template { get; init; }

    /// <summary>
    /// libtorch CPU threads while sampling (process-wide, set when the client is created); 0 leaves libtorch's setting, and
    /// so does a pinned process (<see cref="Core.Numerics.NumericsMode.Pinned"/>), whose thread count is part of the pin.
    /// Sampling runs many tiny operations, and OpenMP threads spin while they wait for each other: on a shared 2-core
    /// machine one thread sampled the default student 10-100x faster than two (docs/performance.md).
    /// </summary>
    public int Threads { get; init; } = 1;

    /// <summary>Keeps keys and values of past tokens instead of recomputing them (off only to measure what it saves).</summary>
    public bool UseKvCache { get; init; } = true;
}
