using SkillMix.Training.Checkpoints;
using SkillMix.Training.Model;

namespace SkillMix.Training.Tests;

public sealed class SamplingMemoryTests
{
    // Mistral-7B-Instruct-v0.2's and LLaMA-2-13B-Chat's config.json values.
    private static readonly LlamaConfig Mistral7B = new()
    {
        VocabSize = 32000, Hidden = 4096, Intermediate = 14336, Layers = 32, Heads = 32, KvHeads = 8, ContextLength = 32768, ModelType = "mistral",
    };

    private static readonly LlamaConfig Llama13B = new()
    {
        VocabSize = 32000, Hidden = 5120, Intermediate = 13824, Layers = 40, Heads = 40, KvHeads = 40, ContextLength = 4096,
    };

    [Fact]
    public void The_KV_cache_is_128_KB_a_token_for_Mistral_7B_and_800_KB_for_LLaMA_2_13B_in_bf16()
    {
        Assert.Equal(131072, SamplingMemory.Of(Mistral7B, "bf16", batch: 1, sequence: 1).KvCacheBytes);
        Assert.Equal(819200, SamplingMemory.Of(Llama13B, "bf16", batch: 1, sequence: 1).KvCacheBytes);
        Assert.Equal(64L * 2048 * 131072, SamplingMemory.Of(Mistral7B, "bf16", batch: 64, sequence: 2048).KvCacheBytes);
    }

    [Fact]
    public void Weights_are_the_parameters_times_the_dtype_s_bytes_and_a_sequence_is_capped_by_the_context()
    {
        // 7.24 billion parameters.
        Assert.Equal(7_241_732_096L * 2, SamplingMemory.Of(Mistral7B, "bf16", 1, 1).WeightBytes);
        Assert.Equal(7_241_732_096L * 4, SamplingMemory.Of(Mistral7B, "fp32", 1, 1).WeightBytes);
        Assert.Equal(SamplingMemory.Of(Llama13B, "bf16", 2, 4096).KvCacheBytes, SamplingMemory.Of(Llama13B, "bf16", 2, 9000).KvCacheBytes);
    }
}
