using SkillMix.Training.Checkpoints;
using SkillMix.Training.Sampling;
using static TorchSharp.torch;

namespace SkillMix.Training.Tests;

/// <summary>Random LLaMA- and Mistral-shaped checkpoints decoded by the student and by the independent reference.</summary>
public sealed class LlamaTests
{
    private static readonly int[][] Prompts = [[1, 5, 9, 3], [1, 7], [1, 30, 31, 32, 33, 34, 35, 11]];

    [Theory]
    [InlineData("mistral", "BF16", 3)]
    [InlineData("mistral", "F32", 1)]
    [InlineData("llama", "F16", 1)]
    [InlineData("llama", "BF16", 2)]
    public void Greedy_decoding_in_a_batch_equals_the_reference_for_each_prompt(string family, string dtype, int shards)
    {
        var random = RandomLlama.Write(family == "mistral" ? RandomLlama.MistralConfig() : RandomLlama.LlamaConfig(), dtype, shards);
        using var student = HfStudent.Load(random.Folder);
        var batch = student.Generate(Prompts.Select(p => new GenerationRequest(p, 24)).ToArray());
        for (var i = 0; i < Prompts.Length; i++)
        {
            var (ids, logits) = ReferenceLlama.Greedy(random, Prompts[i], 24);
            Assert.True(ids.Length >= 4, $"the reference ended after {ids.Length} tokens; choose another seed");
            Assert.Equal(ids, batch[i]);
            // The logits themselves, along the reference's path, from the model's full (uncached) forward pass.
            using var scope = NewDisposeScope();
            var sequence = Prompts[i].Concat(ids).Select(v => (long)v).ToArray();
            var all = student.Model.forward(tensor(sequence, [1, sequence.Length])); // (1, T, V)
            for (var s = 0; s < logits.Length; s++)
            {
                var ours = all[0, Prompts[i].Length - 1 + s].data<float>().ToArray();
                var worst = ours.Select((v, j) => Math.Abs(v - logits[s][j])).Max();
                Assert.True(worst < 1e-3, $"step {s}: logits differ by {worst}");
            }
        }
    }

    [Fact]
    public void A_sample_is_the_same_alone_and_in_any_batch()
    {
        var random = RandomLlama.Write(RandomLlama.MistralConfig(), "BF16", shards: 2);
        using var student = HfStudent.Load(random.Folder);
        var requests = Prompts.Select((p, i) => new GenerationRequest(p, 20, Temperature: 1.0, TopP: 0.9, Seed: 40 + i)).ToArray();
        var together = student.Generate(requests);
        var reversed = student.Generate(requests.Reverse().ToArray()).Reverse().ToArray();
        for (var i = 0; i < requests.Length; i++)
        {
            Assert.Equal(student.Generate([requests[i]])[0], together[i]);
            Assert.Equal(together[i], reversed[i]);
        }
        var reseeded = student.Generate(requests.Select(r => r with { Seed = r.Seed + 100 }).ToArray());
        Assert.NotEqual(together.SelectMany(t => t), reseeded.SelectMany(t => t));
    }

    [Fact]
    public void Sampling_stops_at_eos_and_at_the_token_cap()
    {
        var random = RandomLlama.Write(RandomLlama.LlamaConfig(), "F32");
        using var student = HfStudent.Load(random.Folder);
        var (reference, _) = ReferenceLlama.Greedy(random, [1, 7], 60, eos: -1);
        var eosAt = Array.IndexOf(reference, 2);
        var ids = student.Generate([new GenerationRequest([1, 7], 60)])[0];
        Assert.Equal(eosAt < 0 ? reference : reference[..eosAt], ids);
        Assert.Equal(3, student.Generate([new GenerationRequest([1, 7], 3)])[0].Length);
    }

    [Fact]
    public void Weights_are_cast_to_the_runs_dtype_exactly()
    {
        var random = RandomLlama.Write(RandomLlama.MistralConfig(), "BF16", shards: 2);
        using var student = HfStudent.Load(random.Folder, dtype: "bf16");
        var parameters = student.Model.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        Assert.All(parameters.Values, p => Assert.Equal(ScalarType.BFloat16, p.dtype));
        foreach (var (name, (_, values)) in random.Weights)
        {
            Assert.Equal(values, parameters[name].to(float32).data<float>().ToArray());
        }
        Assert.NotEmpty(student.Generate([new GenerationRequest([1, 5], 4)])[0]);
    }

    [Fact]
    public void The_kv_cache_changes_nothing_and_generation_config_sets_the_end_ids()
    {
        var random = RandomLlama.Write(RandomLlama.MistralConfig(), "F32");
        using (var student = HfStudent.Load(random.Folder))
        {
            var requests = Prompts.Select((p, i) => new SampleRequest(p, 0.8, 16, new Core.Sampling.SeededRandom((ulong)i + 1))).ToArray();
            var cached = Sampler.Generate(student.Model, requests, useKvCache: true, stopTokens: student.EosIds, padToken: 1);
            var again = Prompts.Select((p, i) => new SampleRequest(p, 0.8, 16, new Core.Sampling.SeededRandom((ulong)i + 1))).ToArray();
            var recomputed = Sampler.Generate(student.Model, again, useKvCache: false, stopTokens: student.EosIds, padToken: 1);
            Assert.Equal(cached.Select(r => r.Tokens), recomputed.Select(r => r.Tokens));
        }
        var (reference, _) = ReferenceLlama.Greedy(random, Prompts[0], 12, eos: -1);
        File.WriteAllText(Path.Combine(random.Folder, "generation_config.json"), $"{{\"eos_token_id\": [{reference[3]}], \"temperature\": 0.6}}");
        using var withEnds = HfStudent.Load(random.Folder);
        Assert.Equal(0.6, withEnds.Checkpoint.Generation.Temperature);
        Assert.Equal(reference[..Array.IndexOf(reference, reference[3])], withEnds.Generate([new GenerationRequest(Prompts[0], 12)])[0]);
    }
}
