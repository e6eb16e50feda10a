using System.Globalization;
using SkillMix.Bench.FineTune;
using SkillMix.Training.Runtime;
using SkillMix.Training.Training.Lora;
using SkillMix.Training.Training.Memory;
using static TorchSharp.torch;

// Usage: dotnet run -c Release --project bench/SkillMix.Bench.FineTune -- [--bf16] [--lora] [--checkpoint] [--steps N]
//        dotnet run -c Release --project bench/SkillMix.Bench.FineTune -- --plan   (the paper's students' plans, nothing run)
//        dotnet run -c Release --project bench/SkillMix.Bench.FineTune -- --throughput [--steps N] [--sequence T]
//          (LlamaFineTuning's tokens/s on a ~20M-parameter LLaMA against the same run's matmul rate)
// One configuration per process, so that one run's freed memory cannot hide in another's peak. Run it under
// MALLOC_MMAP_THRESHOLD_=131072 so glibc returns large blocks to the system at once (its adaptive threshold otherwise
// keeps freed blocks in the heap and the peak grows with the allocation history, not with the step).
if (args.Contains("--plan"))
{
    foreach (var (name, shape80) in new[] { ("LLaMA-2-13B", DecoderShape.Llama2_13B), ("Mistral-7B", DecoderShape.Mistral7B) })
    {
        foreach (var (planMode, planLora) in new[] { (MemoryMode.Bf16MasterFp32, (LoraConfig?)null), (MemoryMode.PureBf16, null), (MemoryMode.Bf16MasterFp32, new LoraConfig()) })
        {
            Console.WriteLine(name + ": " + TrainingMemory.Estimate(new MemoryPlanRequest { Shape = shape80, Mode = planMode, Lora = planLora, ActivationCheckpointing = true }).Render());
        }
    }
    return;
}
if (args.Contains("--throughput"))
{
    TorchRuntime.EnsureLoaded();
    set_num_threads(Argument("--threads", 2));
    Throughput.Run(Argument("--steps", 4), Argument("--sequence", 256));
    return;
}
var mode = args.Contains("--bf16") ? MemoryMode.PureBf16 : MemoryMode.Fp32;
var lora = args.Contains("--lora") ? new LoraConfig { Rank = 16, Alpha = 32, Dropout = 0.05 } : null;
var checkpointing = args.Contains("--checkpoint");
var steps = Argument("--steps", 3);
var (microBatch, sequence) = (Argument("--batch", 4), Argument("--sequence", 512));
var shape = new DecoderShape(Hidden: 512, Intermediate: 1376, Layers: 8, Heads: 8, KvHeads: 4, Vocab: 8000);

TorchRuntime.EnsureLoaded();
set_num_threads(Argument("--threads", 2));
Warm();
var baseline = Kib("VmRSS");
File.WriteAllText("/proc/self/clear_refs", "5");                                 // reset VmHWM, the peak resident size

var type = mode == MemoryMode.Fp32 ? float32 : bfloat16;
set_default_dtype(type);
using var model = new LlamaShaped(shape);
if (lora is not null)
{
    Lora.Inject(model, lora, seed: 1);
}
model.Checkpointing = checkpointing;
var optimizer = optim.AdamW(model.parameters().Where(p => p.requires_grad), lr: 1e-4);
var started = DateTime.UtcNow;
for (var step = 0; step < steps; step++)
{
    using var scope = NewDisposeScope();
    var tokens = randint(0, shape.Vocab, [microBatch, sequence + 1], dtype: int64);     // (B, T + 1)
    var logits = model.forward(tokens[.., ..sequence]);                                 // (B, T, V)
    var loss = nn.functional.cross_entropy(logits.to(float32).view(-1, shape.Vocab), tokens[.., 1..].reshape(-1));
    optimizer.zero_grad();
    loss.backward();
    optimizer.step();
}
var seconds = (DateTime.UtcNow - started).TotalSeconds / steps;
var measured = (Kib("VmHWM") - baseline) * 1024.0;
var plan = TrainingMemory.Estimate(new MemoryPlanRequest
{
    Shape = shape, SequenceLength = sequence, MicroBatch = microBatch, Mode = mode, Lora = lora, ActivationCheckpointing = checkpointing,
});
Console.WriteLine(
    Invariant($"{mode} {(lora is null ? "full" : "LoRA r16 all projections")} checkpointing {(checkpointing ? "on" : "off")}, micro-batch {microBatch} x {sequence}: ")
    + Invariant($"measured peak {measured / (1 << 20):F0} MiB above the process baseline, estimate {plan.Total / (double)(1 << 20):F0} MiB ")
    + Invariant($"(weights {plan.Weights >> 20}, gradients {plan.Gradients >> 20}, Adam {plan.OptimizerState >> 20}, activations {plan.Activations >> 20}); ")
    + Invariant($"estimate / measured = {plan.Total / measured:F2}; {seconds:F1} s per step"));

int Argument(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
}

// Loads the kernels and allocator state a step touches, so the baseline holds libtorch's own fixed cost.
static void Warm()
{
    using var scope = NewDisposeScope();
    foreach (var type in new[] { float32, bfloat16 })
    {
        var a = randn([64, 64], dtype: type).requires_grad_(true);
        var q = randn([1, 2, 8, 32], dtype: type).requires_grad_(true);
        nn.functional.scaled_dot_product_attention(q, q, q, is_casual: true).sum().backward();
        a.matmul(a).sum().backward();
    }
}

static long Kib(string field)
{
    var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith(field + ":", StringComparison.Ordinal));
    return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
}

static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
