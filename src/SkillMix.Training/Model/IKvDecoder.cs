using static TorchSharp.torch;

namespace SkillMix.Training.Model;

/// <summary>What the sampler needs of a model: a KV cache of its shape and a decode step over it.</summary>
internal interface IKvDecoder
{
    /// <summary>Longest sequence (prompt and answer) the model can see.</summary>
    long ContextLength { get; }

    Device Device { get; }

    ScalarType DType { get; }

    /// <summary>A cache for <paramref name="batch"/> sequences of up to <paramref name="length"/> tokens.</summary>
    KvCache NewCache(long batch, long length);

    /// <summary>
    /// Runs new tokens (B, T) at per-sequence <paramref name="positions"/> (B, T) through the model, appending their keys
    /// and values to the cache at <paramref name="start"/>; <paramref name="mask"/> (B, 1, T, start + T) says which cached
    /// keys each new token may attend to. Returns the logits of the last new token of each sequence (B, V).
    /// </summary>
    Tensor Decode(Tensor idx, Tensor positions, KvCache cache, long start, Tensor mask);

    /// <summary>Switches dropout off.</summary>
    void Evaluate();
}
