using SkillMix.Training.Model;

namespace SkillMix.Training.Checkpoints;

/// <summary>
/// What sampling a LLaMA-family student takes on its device: the weights in the run's dtype, and the KV cache of a batch
/// of sequences (keys and values of every layer, only the key/value heads, for prompt plus new tokens), as the sampler
/// allocates it. Activations of one decoding step are small beside these and are not counted.
/// </summary>
public sealed record SamplingMemory(long WeightBytes, long KvCacheBytes)
{
    public long TotalBytes => WeightBytes + KvCacheBytes;

    /// <summary>The memory of sampling <paramref name="batch"/> sequences of at most <paramref name="sequence"/> tokens.</summary>
    public static SamplingMemory Of(LlamaConfig config, string dtype, int batch, int sequence)
    {
        var bytes = BytesPer(dtype);
        var length = Math.Min(sequence, config.ContextLength);
        return new SamplingMemory(
            config.ParameterCount() * bytes,
            2L * config.Layers * config.KvHeads * config.HeadDim * bytes * batch * length);
    }

    private static int BytesPer(string dtype) => dtype.Trim().ToLowerInvariant() switch
    {
        "fp32" or "float32" => 4,
        "bf16" or "bfloat16" or "fp16" or "float16" => 2,
        _ => throw new ArgumentException($"dtype '{dtype}' is not known: use fp32, bf16 or fp16.", nameof(dtype)),
    };
}
