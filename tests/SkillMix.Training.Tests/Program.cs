using SkillMix.Core.Numerics;
using System.Security.Cryptography;
using System.Text.Json;
using SkillMix.Core.Sampling;
using SkillMix.Training.Checkpoints;
using SkillMix.Training.Model;
using SkillMix.Training.Runtime;
using SkillMix.Training.Sampling;
using SkillMix.Training.Text;
using SkillMix.Training.Training;
using static TorchSharp.torch;

namespace SkillMix.Training.Tests;

/// <summary>
/// The test assembly as a program, so a test can train in a process whose libtorch saw an environment of the test's
/// choosing: <c>numerics &lt;pinned|native&gt; &lt;threads&gt;</c> trains a small student, samples from it, and prints one
/// line of JSON (<see cref="NumericsRun"/>) with the hashes of its checkpoint, its logits and its samples.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args is not ["numerics", var modeText, var threadsText] || !NumericsKey.TryParse(modeText, out var mode))
        {
            Console.Error.WriteLine("usage: SkillMix.Training.Tests numerics <pinned|native> <threads>");
            return 2;
        }
        TorchRuntime.EnsureLoaded(mode);
        TorchRuntime.UseThreads(int.Parse(threadsText, System.Globalization.CultureInfo.InvariantCulture));
        var folder = Tiny.TempFolder();
        try
        {
            Console.WriteLine(JsonSerializer.Serialize(Run(folder, mode)));
            return 0;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    // Wide enough that matrix products, reductions and GELU go through the kernels the CPU's vector level selects.
    private static NumericsRun Run(string folder, NumericsMode mode)
    {
        var texts = Enumerable.Range(0, 120)
            .Select(i => $"the {(i % 7 == 0 ? "quick" : "slow")} fox {i % 13} jumps over {i % 5} lazy dogs and {i % 3} cats.")
            .ToArray();
        var config = Tiny.Config(30) with
        {
            Model = new GptConfig { BlockSize = 64, Layers = 2, Heads = 4, Embedding = 128 },
            Tokenizer = TokenizerKind.Char,
        };
        var report = StudentTraining.Train(config, new TrainingData(texts, []), folder);
        using var student = Student.Load(folder);
        var prompts = Enumerable.Range(0, 8).Select(i => student.Tokenizer.Encode($"the slow fox {i}")).ToArray();
        var requests = prompts.Select((p, i) => new SampleRequest(p, 0.8, 40, SeededRandom.ForStream(7, "numerics", i))).ToArray();
        var samples = Sampler.Generate(student.Model, requests, stopTokens: new HashSet<int>()).SelectMany(r => r.Tokens).ToArray();
        using var _ = no_grad();
        using var logits = student.Model.forward(tensor(prompts[0].Select(t => (long)t).ToArray(), [1, prompts[0].Length])); // (1, T, V)
        return new NumericsRun(
            report.StudentId,
            Hash(logits.data<float>().ToArray()),
            Hash(samples),
            report.Losses[^1],
            get_num_threads(),
            mode == NumericsMode.Pinned ? NumericsPin.Check().ToArray() : []);
    }

    private static string Hash<T>(T[] values) where T : unmanaged =>
        Convert.ToHexString(SHA256.HashData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan())))[..16];
}
