using SkillMix.Core.Numerics;
using System.Diagnostics;
using System.Globalization;
using SkillMix.Training.Model;
using SkillMix.Training.Runtime;
using SkillMix.Training.Training;

namespace SkillMix.Bench.Training;

/// <summary>
/// Pinned against native numerics, side by side in one run. A process loads libtorch in one mode, so each measurement is a
/// child process of this program (`--numerics-child mode threads steps`); the children alternate, round after round, so
/// load on a shared machine falls on both modes alike. Training uses the default student and the default precision
/// (bf16, which a pinned process runs as fp32); sampling is the default student with the KV cache.
/// </summary>
internal static class NumericsComparison
{
    private static readonly (string Mode, int Threads)[] Configurations = [("native", 1), ("native", 2), ("pinned", NumericsPin.Threads)];

    public static void Run(int steps, int rounds)
    {
        var results = new List<(string Configuration, string Measure, double Value)>();
        for (var round = 1; round <= rounds; round++)
        {
            foreach (var (mode, threads) in Configurations)
            {
                foreach (var line in Child(mode, threads, steps))
                {
                    Console.WriteLine($"round {round} {mode} {threads} thread(s): {line}");
                    var parts = line.Split('\t');
                    results.Add(($"{mode}, {threads} thread(s)", parts[0], double.Parse(parts[1], CultureInfo.InvariantCulture)));
                }
            }
        }
        // The median of the rounds; the ratio is against the faster native configuration of the same measure.
        var medians = results.GroupBy(r => (r.Configuration, r.Measure))
            .ToDictionary(g => g.Key, g => Median(g.Select(r => r.Value)));
        foreach (var measure in medians.Keys.Select(k => k.Measure).Distinct())
        {
            var bestNative = medians.Where(m => m.Key.Measure == measure && m.Key.Configuration.StartsWith("native", StringComparison.Ordinal)).Max(m => m.Value);
            foreach (var ((configuration, _), value) in medians.Where(m => m.Key.Measure == measure))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{measure,-34} {configuration,-22} {value,8:F0} tokens/s   time x{bestNative / value:F2} of the best native"));
            }
        }
    }

    /// <summary>The child: loads libtorch in the mode, then prints "measure\ttokens/s" lines.</summary>
    public static void Measure(NumericsMode mode, int threads, int steps)
    {
        TorchRuntime.EnsureLoaded(mode);
        TorchRuntime.UseThreads(threads);
        // The default precision is bf16; a pinned process trains it as fp32, so its one run counts for both lines.
        var asked = Benchmarks.Train(new GptConfig(), TrainingPrecision.Bf16, steps).TokensPerSecond;
        var fp32 = mode == NumericsMode.Pinned ? asked : Benchmarks.Train(new GptConfig(), TrainingPrecision.Fp32, steps).TokensPerSecond;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"train default student, bf16 asked\t{asked:F1}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"train default student, fp32 asked\t{fp32:F1}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"sample batch 16, 256 tokens\t{Benchmarks.Sample(16, 256, useKvCache: true):F1}"));
    }

    private static IEnumerable<string> Child(string mode, int threads, int steps)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath ?? "dotnet") { RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(start.FileName) == "dotnet")
        {
            start.ArgumentList.Add(typeof(NumericsComparison).Assembly.Location);
        }
        foreach (var argument in new[] { "--numerics-child", mode, threads.ToString(CultureInfo.InvariantCulture), steps.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {start.FileName}.");
        var lines = process.StandardOutput.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        process.WaitForExit();
        return process.ExitCode == 0 ? lines : throw new InvalidOperationException($"The {mode} child exited with {process.ExitCode}.");
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
