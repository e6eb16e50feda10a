using SkillMix.Core.Numerics;
using System.Globalization;
using SkillMix.Bench.Training;
using SkillMix.Training.Runtime;
using SkillMix.Training.Training;
using static TorchSharp.torch;

// Usage: dotnet run -c Release --project bench/SkillMix.Bench.Training [-- --steps N] [--wide] [--sample-only] [--one-thread]
//        dotnet run -c Release --project bench/SkillMix.Bench.Training -- --numerics [--steps N] [--rounds R]
// Every figure of one run is measured under the same load, so compare ratios within a run; other work on a shared
// machine moves absolute numbers a lot. Each measurement runs with 2 and with 1 libtorch threads. --numerics compares
// pinned with native numerics instead, each in child processes of this program (NumericsComparison).
// LLaMA-family students: --llama <folder> [--runc <run> <model.bin> <tokenizer.bin>] [--repeats N]; --write-random <folder>;
// --load-memory <folder> <fp32|bf16> <warm-up folder> (a fresh process each, so the peak is the load's).
if (args.Length > 1 && args[0] == "--write-random")
{
    LlamaBench.WriteRandom(args[1]);
    return;
}
if (args.Length > 3 && args[0] == "--load-memory")
{
    TorchRuntime.EnsureLoaded();
    LlamaBench.LoadMemory(args[1], args[2], args[3]);
    return;
}
if (args.Length > 1 && args[0] == "--llama")
{
    TorchRuntime.EnsureLoaded();
    Console.WriteLine(Invariant($"machine: {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, load average {File.ReadAllText("/proc/loadavg").Trim()}"));
    var runc = Array.IndexOf(args, "--runc");
    foreach (var t in args.Contains("--one-thread") ? new[] { 1 } : new[] { 1, 2 })
    {
        LlamaBench.Run(args[1], t, runc > 0 ? args[runc + 1] : null, runc > 0 ? args[runc + 2] : null, runc > 0 ? args[runc + 3] : null, Argument("--repeats", 5));
    }
    Console.WriteLine($"load average at end: {File.ReadAllText("/proc/loadavg").Trim()}");
    return;
}
var steps = Argument("--steps", 20);
if (Array.IndexOf(args, "--numerics-child") is var child and >= 0)
{
    NumericsKey.TryParse(args[child + 1], out var mode);
    NumericsComparison.Measure(mode, int.Parse(args[child + 2], CultureInfo.InvariantCulture), int.Parse(args[child + 3], CultureInfo.InvariantCulture));
    return;
}
if (args.Contains("--numerics"))
{
    Console.WriteLine(Invariant($"machine: {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, load average {File.ReadAllText("/proc/loadavg").Trim()}"));
    NumericsComparison.Run(steps, Argument("--rounds", 2));
    Console.WriteLine($"load average at end: {File.ReadAllText("/proc/loadavg").Trim()}");
    return;
}
var wide = args.Contains("--wide");
var sampleOnly = args.Contains("--sample-only");
var threadCounts = args.Contains("--one-thread") ? new[] { 1 } : new[] { 2, 1 };
TorchRuntime.EnsureLoaded();
Console.WriteLine(Invariant(
    $"machine: {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC"));
Console.WriteLine($"load average at start: {File.ReadAllText("/proc/loadavg").Trim()}");

foreach (var threads in threadCounts)
{
    set_num_threads(threads);
    var fp32 = Benchmarks.MatmulGflops(ScalarType.Float32);
    var bf16 = Benchmarks.MatmulGflops(ScalarType.BFloat16);
    Console.WriteLine(Invariant($"[{threads} threads] matmul 1024^3: fp32 {fp32:F0} GFLOP/s, bf16 {bf16:F0} GFLOP/s"));
    foreach (var (name, model) in Benchmarks.Sizes.Take(sampleOnly ? 0 : wide ? 2 : 1))
    {
        foreach (var precision in new[] { TrainingPrecision.Fp32, TrainingPrecision.Bf16 })
        {
            var r = Benchmarks.Train(model, precision, steps);
            var matmul = precision == TrainingPrecision.Fp32 ? fp32 : bf16;
            Console.WriteLine(Invariant(
                $"[{threads} threads] train {name} {precision}: {r.Parameters / 1e6:F2}M params, {r.TokensPerSecond:F0} tokens/s, {r.Gflops:F1} GFLOP/s = {100 * r.Gflops / fp32:F0}% of same-run fp32 matmul ({100 * r.Gflops / matmul:F0}% of its own dtype's), peak RSS {r.PeakRssMb:F0} MB, RSS after first/last step {r.FirstRssMb:F0}/{r.LastRssMb:F0} MB"));
        }
    }
    foreach (var batch in new[] { 1, 16 })
    {
        var cached = Benchmarks.Sample(batch, 256, useKvCache: true);
        var uncached = Benchmarks.Sample(batch, 256, useKvCache: false);
        Console.WriteLine(Invariant(
            $"[{threads} threads] sample default student, batch {batch}, 256 new tokens: KV cache {cached:F0} tokens/s, without {uncached:F0} tokens/s ({cached / uncached:F1}x)"));
    }
    Console.WriteLine(Invariant($"[{threads} threads] sample default student, batch 64, 256 new tokens: KV cache {Benchmarks.Sample(64, 256, useKvCache: true):F0} tokens/s"));
}
Console.WriteLine($"load average at end: {File.ReadAllText("/proc/loadavg").Trim()}");

int Argument(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
}

static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
