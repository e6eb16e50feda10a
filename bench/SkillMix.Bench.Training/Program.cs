using System.Diagnostics;
using System.Globalization;
using SkillMix.Bench.Training;
using SkillMix.Training.Runtime;
using static TorchSharp.torch;

// Usage: dotnet run -c Release --project bench/SkillMix.Bench.Training [-- --threads N] [--steps N]
var threads = Argument("--threads", 0);
var steps = Argument("--steps", 30);
TorchRuntime.EnsureLoaded();
if (threads > 0)
{
    set_num_threads(threads);
}
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"machine: {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, libtorch threads {get_num_threads()}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC"));
Console.WriteLine($"load average at start: {File.ReadAllText("/proc/loadavg").Trim()}");

var fp32 = Benchmarks.MatmulGflops(ScalarType.Float32);
var bf16 = Benchmarks.MatmulGflops(ScalarType.BFloat16);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"matmul 1024^3: fp32 {fp32:F0} GFLOP/s, bf16 {bf16:F0} GFLOP/s"));

foreach (var (name, model) in Benchmarks.Sizes)
{
    foreach (var dtype in new[] { ScalarType.Float32, ScalarType.BFloat16 })
    {
        var r = Benchmarks.Train(model, dtype, steps);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"train {name} {dtype}: {r.Parameters / 1e6:F2}M params, {r.TokensPerSecond:F0} tokens/s, {r.Gflops:F1} GFLOP/s = {100 * r.Gflops / (dtype == ScalarType.Float32 ? fp32 : bf16):F0}% of same-run {(dtype == ScalarType.Float32 ? "fp32" : "bf16")} matmul, peak RSS {r.PeakRssMb:F0} MB, RSS first/last step {r.FirstRssMb:F0}/{r.LastRssMb:F0} MB"));
    }
}

foreach (var batch in new[] { 1, 64 })
{
    var cached = Benchmarks.Sample(batch, 256, useKvCache: true);
    var uncached = Benchmarks.Sample(batch, 256, useKvCache: false);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"sample default student, batch {batch}, 256 new tokens: KV cache {cached:F0} tokens/s, without {uncached:F0} tokens/s ({cached / uncached:F1}x)"));
}
Console.WriteLine($"load average at end: {File.ReadAllText("/proc/loadavg").Trim()}");

int Argument(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
}
