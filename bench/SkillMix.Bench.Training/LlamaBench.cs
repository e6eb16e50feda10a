using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using SkillMix.Core.Sampling;
using SkillMix.Training.Checkpoints;
using SkillMix.Training.Sampling;
using static TorchSharp.torch;

namespace SkillMix.Bench.Training;

/// <summary>
/// Sampling throughput of a Hugging Face LLaMA checkpoint (stories260K) at batch 1, 16 and 64 with the KV cache, and,
/// when given a C reference binary (llama2.c's run.c, built by the person measuring), that binary's single stream on
/// the same checkpoint in the same run, alternating, so both see the same machine load.
/// </summary>
internal static partial class LlamaBench
{
    public static void Run(string folder, int threads, string? runc, string? runcModel, string? runcTokenizer, int repeats)
    {
        set_num_threads(threads);
        using var student = HfStudent.Load(folder);
        Console.WriteLine(Invariant($"[{threads} threads] {folder}: {student.Config.ParameterCount()} parameters, fp32, 256 new tokens per sequence, no stop at EOS"));
        Sample(student, 4, 16);   // warm-up
        var rows = new Dictionary<string, List<double>>();
        for (var r = 0; r < repeats; r++)
        {
            foreach (var batch in new[] { 1, 16, 64 })
            {
                Add(rows, $"TorchSharp batch {batch}", Sample(student, batch, 256));
            }
            if (runc is not null)
            {
                Add(rows, "run.c batch 1", RunC(runc, runcModel!, runcTokenizer!));
            }
        }
        var reference = rows.TryGetValue("run.c batch 1", out var c) ? Median(c) : double.NaN;
        foreach (var (name, values) in rows)
        {
            var median = Median(values);
            var ratio = double.IsNaN(reference) ? "" : Invariant($", {median / reference:F2}x run.c");
            Console.WriteLine(Invariant($"[{threads} threads] {name}: median {median:F0} new tokens/s over {values.Count} runs ({string.Join(", ", values.Select(v => v.ToString("F0", CultureInfo.InvariantCulture)))}){ratio}"));
        }
    }

    private static double Sample(HfStudent student, int batch, int tokens)
    {
        var requests = Enumerable.Range(0, batch)
            .Select(i => new SampleRequest([student.Config.BosId], batch == 1 ? 0 : 1.0, tokens, SeededRandom.ForStream(i, "bench"))).ToArray();
        var clock = Stopwatch.StartNew();
        var results = Sampler.Generate(student.Model, requests, useKvCache: true, stopTokens: new HashSet<int>(), padToken: student.Config.BosId);
        return results.Sum(r => r.Tokens.Length) / clock.Elapsed.TotalSeconds;
    }

    // run.c prints "achieved tok/s: X" (timed from its second token) on stderr; -t 0 is greedy, -n 257 gives 256 new tokens.
    private static double RunC(string binary, string model, string tokenizer)
    {
        var start = new ProcessStartInfo(binary, [model, "-z", tokenizer, "-t", "0", "-n", "257"])
        {
            RedirectStandardError = true, RedirectStandardOutput = true,
        };
        using var process = Process.Start(start)!;
        process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        var match = Achieved().Match(error);
        return match.Success ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : throw new InvalidOperationException("run.c printed no rate: " + error);
    }

    /// <summary>Peak resident memory of loading a checkpoint, beyond the process before it, against the weights' size in the run's dtype.</summary>
    public static void LoadMemory(string folder, string dtype, string warmUp)
    {
        using (HfStudent.Load(warmUp, dtype: dtype))
        {
        }
        GC.Collect();
        var before = MemoryLog.RssMb("VmRSS");
        var clock = Stopwatch.StartNew();
        using var student = HfStudent.Load(folder, dtype: dtype);
        var seconds = clock.Elapsed.TotalSeconds;
        var peak = MemoryLog.RssMb("VmHWM");
        var size = student.Config.ParameterCount() * (dtype == "fp32" ? 4 : 2) / 1024.0 / 1024.0;
        var stored = student.Checkpoint.StoredBytes / 1024.0 / 1024.0;
        Console.WriteLine(Invariant(
            $"load {folder} as {dtype}: {stored:F0} MB stored, {size:F0} MB in {dtype}; RSS before {before:F0} MB, peak {peak:F0} MB: peak - before = {peak - before:F0} MB = {(peak - before) / size:F2}x the weights in {dtype}; {seconds:F1} s"));
    }

    /// <summary>A random Mistral-shaped checkpoint of about 155M parameters in BF16, in three shards with an index.</summary>
    public static void WriteRandom(string folder)
    {
        Directory.CreateDirectory(folder);
        const int Hidden = 1024, Intermediate = 2816, Layers = 8, Heads = 16, KvHeads = 4, Vocab = 32000;
        File.WriteAllText(Path.Combine(folder, "config.json"), $$"""
            {"architectures": ["MistralForCausalLM"], "model_type": "mistral", "hidden_size": {{Hidden}}, "intermediate_size": {{Intermediate}},
             "num_hidden_layers": {{Layers}}, "num_attention_heads": {{Heads}}, "num_key_value_heads": {{KvHeads}}, "vocab_size": {{Vocab}},
             "max_position_embeddings": 4096, "rms_norm_eps": 1e-5, "rope_theta": 1000000.0, "tie_word_embeddings": false, "sliding_window": null}
            """);
        var kv = Hidden / Heads * KvHeads;
        var shapes = new List<(string, long[])> { ("model.embed_tokens.weight", [Vocab, Hidden]), ("lm_head.weight", [Vocab, Hidden]), ("model.norm.weight", [Hidden]) };
        for (var l = 0; l < Layers; l++)
        {
            var p = $"model.layers.{l}.";
            shapes.AddRange([(p + "self_attn.q_proj.weight", [Hidden, Hidden]), (p + "self_attn.k_proj.weight", [kv, Hidden]),
                (p + "self_attn.v_proj.weight", [kv, Hidden]), (p + "self_attn.o_proj.weight", [Hidden, Hidden]),
                (p + "mlp.gate_proj.weight", [Intermediate, Hidden]), (p + "mlp.up_proj.weight", [Intermediate, Hidden]),
                (p + "mlp.down_proj.weight", [Hidden, Intermediate]), (p + "input_layernorm.weight", [Hidden]), (p + "post_attention_layernorm.weight", [Hidden])]);
        }
        var random = new Random(1);
        var map = new List<string>();
        for (var shard = 0; shard < 3; shard++)
        {
            var file = $"model-{shard + 1:D5}-of-00003.safetensors";
            var tensors = shapes.Where((_, i) => i % 3 == shard).ToDictionary(t => t.Item1, t =>
            {
                var bytes = new byte[t.Item2.Aggregate(1L, (a, b) => a * b) * 2];
                random.NextBytes(bytes);
                for (var i = 1; i < bytes.Length; i += 2)
                {
                    bytes[i] = (byte)(0x3c | (bytes[i] & 0x80));   // sign kept, exponent small: |x| < 0.04
                }
                return new SafeTensor("BF16", t.Item2, bytes);
            });
            SafeTensors.Write(Path.Combine(folder, file), tensors);
            map.AddRange(tensors.Keys.Select(k => $"\"{k}\": \"{file}\""));
        }
        File.WriteAllText(Path.Combine(folder, "model.safetensors.index.json"), "{\"weight_map\": {" + string.Join(", ", map) + "}}");
    }

    private static void Add(Dictionary<string, List<double>> rows, string name, double value)
    {
        if (!rows.TryGetValue(name, out var list))
        {
            rows[name] = list = [];
        }
        list.Add(value);
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex(@"achieved tok/s: ([0-9.]+)")]
    private static partial Regex Achieved();
}
