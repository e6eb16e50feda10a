using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using SkillMix.Training.Checkpoints;
using SkillMix.Training.Text;
using SkillMix.Training.Training;
using SkillMix.Training.Training.Lora;
using SkillMix.Training.Training.Memory;
using static TorchSharp.torch;

namespace SkillMix.Bench.FineTune;

/// <summary>
/// Training throughput of LlamaFineTuning itself on a random LLaMA-shaped checkpoint of about 20M parameters, in tokens/s
/// and as a fraction of the matmul rate of its dtype measured in the same run just before (nanoGPT's count: 6N + 12 L d T
/// FLOPs per token for full fine-tuning; 4N + 8 L d T for LoRA, whose frozen weights take no weight gradients).
/// </summary>
internal static class Throughput
{
    public static void Run(int steps, int sequence)
    {
        var folder = Path.Combine(Path.GetTempPath(), "skillmix-bench-finetune-" + Guid.NewGuid().ToString("N"));
        var (hidden, layers, vocab) = (512, 6, 8000);
        var parameters = WriteCheckpoint(Path.Combine(folder, "base"), hidden, 1376, layers, 8, 4, vocab, sequence);
        var random = new Random(5);
        var chats = Enumerable.Range(0, 16).Select(_ =>
        {
            var ids = Enumerable.Range(0, sequence).Select(_ => random.Next(3, vocab)).ToArray();
            return new EncodedChat(ids, ids.Select((_, j) => j >= sequence / 2).ToArray());
        }).ToArray();
        var data = new LlamaTrainingSet(chats, []);
        Console.WriteLine(Invariant($"{parameters / 1e6:F1}M parameters ({layers} layers, hidden {hidden}, vocab {vocab}), batch 8 x {sequence} tokens in micro-batches of 4, {steps} steps"));
        Console.WriteLine("| precision | weights | tokens/s | GFLOP/s per wall second: train / fp32 matmul / own matmul | of fp32 (wall) | GFLOP per processor second: train / fp32 / own | of fp32 | of own dtype |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|");
        foreach (var (precision, lora) in new[] { (MemoryMode.Fp32, false), (MemoryMode.Fp32, true), (MemoryMode.Bf16MasterFp32, false), (MemoryMode.Bf16MasterFp32, true) })
        {
            var config = new LlamaFineTuningConfig
            {
                Steps = steps, BatchSize = 8, MicroBatch = 4, MaxLength = sequence, WarmupSteps = 0, LearningRate = 1e-4, SaveEvery = 0,
                Precision = precision, Lora = lora ? new LoraConfig { Rank = 16 } : null, ProgressSeconds = 1e9,
            };
            var fp32 = MatmulRate(float32);
            var own = precision == MemoryMode.Fp32 ? fp32 : MatmulRate(bfloat16);
            var report = LlamaFineTuning.Train(config, Path.Combine(folder, "base"), data, Path.Combine(folder, $"out-{precision}-{lora}"));
            var flopsPerToken = lora ? 4.0 * parameters + 8.0 * layers * hidden * sequence : 6.0 * parameters + 12.0 * layers * hidden * sequence;
            var gflop = report.Tokens * flopsPerToken / 1e9;
            var (wall, processor) = (gflop / report.Elapsed.TotalSeconds, gflop / report.ProcessorTime.TotalSeconds);
            Console.WriteLine(Invariant(
                $"| {precision} | {(lora ? "LoRA r16, all projections" : "full")} | {report.TokensPerSecond:F0} | {wall:F1} / {fp32.Wall:F0} / {own.Wall:F0} | {wall / fp32.Wall:P0} | {processor:F1} / {fp32.Processor:F0} / {own.Processor:F0} | {processor / fp32.Processor:P0} | {processor / own.Processor:P0} |"));
        }
        Directory.Delete(folder, recursive: true);
    }

    // 1024^3 matmuls in the given dtype for about two seconds: GFLOP per wall second and per processor second (all
    // threads). On a shared machine the processor-time rate is the one that does not depend on what else runs.
    private static (double Wall, double Processor) MatmulRate(ScalarType type)
    {
        using var scope = NewDisposeScope();
        var (a, b) = (randn(1024, 1024).to(type), randn(1024, 1024).to(type));
        a.matmul(b);
        var clock = Stopwatch.StartNew();
        var cpu = Environment.CpuUsage.TotalTime;
        var count = 0;
        while (clock.Elapsed.TotalSeconds < 2)
        {
            using var _ = NewDisposeScope();
            a.matmul(b);
            count++;
        }
        var gflop = count * 2.0 * 1024 * 1024 * 1024 / 1e9;
        return (gflop / clock.Elapsed.TotalSeconds, gflop / (Environment.CpuUsage.TotalTime - cpu).TotalSeconds);
    }

    private static long WriteCheckpoint(string folder, int hidden, int intermediate, int layers, int heads, int kvHeads, int vocab, int context)
    {
        var config = new JsonObject
        {
            ["architectures"] = new JsonArray("LlamaForCausalLM"), ["model_type"] = "llama", ["hidden_size"] = hidden,
            ["intermediate_size"] = intermediate, ["num_hidden_layers"] = layers, ["num_attention_heads"] = heads,
            ["num_key_value_heads"] = kvHeads, ["vocab_size"] = vocab, ["max_position_embeddings"] = context,
            ["rms_norm_eps"] = 1e-5, ["rope_theta"] = 10000.0, ["hidden_act"] = "silu", ["tie_word_embeddings"] = true,
        };
        var kv = hidden / heads * kvHeads;
        var shapes = new List<(string, long[])> { ("model.embed_tokens.weight", [vocab, hidden]), ("model.norm.weight", [hidden]) };
        for (var l = 0; l < layers; l++)
        {
            var p = $"model.layers.{l}.";
            shapes.AddRange([
                (p + "self_attn.q_proj.weight", [hidden, hidden]), (p + "self_attn.k_proj.weight", [kv, hidden]),
                (p + "self_attn.v_proj.weight", [kv, hidden]), (p + "self_attn.o_proj.weight", [hidden, hidden]),
                (p + "mlp.gate_proj.weight", [intermediate, hidden]), (p + "mlp.up_proj.weight", [intermediate, hidden]),
                (p + "mlp.down_proj.weight", [hidden, intermediate]), (p + "input_layernorm.weight", [hidden]),
                (p + "post_attention_layernorm.weight", [hidden])]);
        }
        manual_seed(1);
        var tensors = shapes.Select(s => (s.Item1, s.Item1.EndsWith("norm.weight", StringComparison.Ordinal) ? ones(s.Item2) : randn(s.Item2).mul_(0.02))).ToArray();
        HfFolderWriter.Write(folder, tensors, config, float32);
        return tensors.Sum(t => t.Item2.numel());
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
