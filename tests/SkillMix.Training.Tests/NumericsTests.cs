using SkillMix.Core.Numerics;
using System.Diagnostics;
using System.Text.Json;
using SkillMix.Training.Runtime;

namespace SkillMix.Training.Tests;

/// <summary>
/// The numerics pin, proved in child processes (libtorch reads its settings once, when it loads): the same training and
/// sampling give the same bits pinned whatever the machine's native settings say, and those settings change the bits
/// when the process is not pinned.
/// </summary>
public sealed class NumericsTests
{
    // The settings a process may inherit on another CPU or from its user: ATen's and oneDNN's vector level, MKL's branch,
    // the thread count.
    private static readonly Dictionary<string, string>[] NativeSettings =
    [
        [],
        new() { ["ATEN_CPU_CAPABILITY"] = "avx512", ["MKL_CBWR"] = "AVX2", ["ONEDNN_MAX_CPU_ISA"] = "AVX512_CORE_BF16", ["OMP_NUM_THREADS"] = "2" },
        new() { ["ATEN_CPU_CAPABILITY"] = "default", ["MKL_CBWR"] = "AUTO", ["ONEDNN_MAX_CPU_ISA"] = "AVX2", ["OMP_NUM_THREADS"] = "1" },
    ];

    [Fact]
    public void Pinned_training_and_sampling_give_the_same_bits_whatever_the_native_settings()
    {
        var settings = NativeSettings.ToList();
        if (IntelMklDispatch() is { } intel)
        {
            settings.Add(intel);
        }
        var runs = settings.Select((environment, i) => Run("pinned", threads: i + 1, environment)).ToList();
        foreach (var run in runs)
        {
            Assert.Empty(run.PinProblems);
            Assert.Equal(NumericsPin.Threads, run.Threads);
            Assert.Equal(runs[0].Checkpoint, run.Checkpoint);
            Assert.Equal(runs[0].Logits, run.Logits);
            Assert.Equal(runs[0].Samples, run.Samples);
        }
    }

    [Fact]
    public void Native_results_depend_on_the_vector_level_and_the_thread_count()
    {
        // Every x86-64 CPU runs ATen's unvectorized and its AVX2 kernels, so these differ on any machine that runs the tests.
        var scalar = Run("native", threads: 1, new() { ["ATEN_CPU_CAPABILITY"] = "default" });
        var avx2 = Run("native", threads: 1, new() { ["ATEN_CPU_CAPABILITY"] = "avx2" });
        var twoThreads = Run("native", threads: 2, new() { ["ATEN_CPU_CAPABILITY"] = "avx2" });
        Assert.NotEqual(scalar.Checkpoint, avx2.Checkpoint);
        Assert.NotEqual(scalar.Logits, avx2.Logits);
        Assert.NotEqual(avx2.Checkpoint, twoThreads.Checkpoint);
        Assert.Equal(2, twoThreads.Threads);
    }

    [Fact]
    public void A_process_that_loaded_libtorch_cannot_switch_its_numerics()
    {
        // The test process loaded libtorch natively (TestSetup).
        TorchRuntime.EnsureLoaded(NumericsMode.Native);
        var error = Assert.Throws<InvalidOperationException>(() => TorchRuntime.EnsureLoaded(NumericsMode.Pinned));
        Assert.Contains("new process", error.Message, StringComparison.Ordinal);
        Assert.NotEmpty(NumericsPin.Check());
    }

    [Theory]
    [InlineData("pinned", NumericsMode.Pinned)]
    [InlineData(" Native ", NumericsMode.Native)]
    public void Modes_parse_from_the_property_values(string text, NumericsMode expected)
    {
        Assert.True(NumericsKey.TryParse(text, out var mode));
        Assert.Equal(expected, mode);
    }

    [Fact]
    public void Unknown_modes_do_not_parse_and_keys_carry_the_pin_version()
    {
        Assert.False(NumericsKey.TryParse("fast", out _));
        Assert.False(NumericsKey.TryParse(null, out _));
        Assert.Equal("pinned/" + NumericsPin.Version, NumericsKey.KeyText(NumericsMode.Pinned));
        Assert.Equal("native", NumericsKey.KeyText(NumericsMode.Native));
    }

    [Fact]
    public void Native_matrix_products_follow_the_cpu_vendor_where_pinned_ones_do_not()
    {
        if (IntelMklDispatch() is not { } intel)
        {
            return; // No C compiler to build the shim with: the pinned test covers the rest.
        }
        var native = Run("native", threads: 1, []);
        var nativeAsIntel = Run("native", threads: 1, intel);
        Assert.NotEqual(native.Checkpoint, nativeAsIntel.Checkpoint);
    }

    // MKL chooses its code path by CPU vendor as well as by vector level: on an Intel CPU with AVX-512 it takes its AVX-512
    // branch, on AMD another one, and MKL_CBWR=AVX2 means the AVX2 branch on Intel but "AUTO" elsewhere. A two-line shim
    // that answers MKL's "is this an Intel CPU?" with yes makes this machine take Intel's paths, the nearest thing to
    // running on the Intel Xeon here. It needs a C compiler; without one there is no such run.
    private static Dictionary<string, string>? IntelMklDispatch()
    {
        var compiler = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(d => Path.Combine(d, "cc")).FirstOrDefault(File.Exists);
        if (compiler is null)
        {
            return null;
        }
        var folder = Tiny.TempFolder();
        var source = Path.Combine(folder, "intel.c");
        var library = Path.Combine(folder, "libintel.so");
        File.WriteAllText(source, "int mkl_serv_intel_cpu_true(void) { return 1; }\nint mkl_serv_intel_cpu(void) { return 1; }\n");
        using var build = Process.Start(compiler, ["-shared", "-fPIC", "-o", library, source]);
        build.WaitForExit();
        Assert.True(build.ExitCode == 0 && File.Exists(library), $"{compiler} could not build the MKL vendor shim.");
        return new() { ["LD_PRELOAD"] = library };
    }

    private static NumericsRun Run(string mode, int threads, Dictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "exec", typeof(NumericsTests).Assembly.Location, "numerics", mode, threads.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var name in NumericsPin.Environment.Keys)
        {
            start.Environment.Remove(name);
        }
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {start.FileName}.");
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        var settings = string.Join(" ", environment.Select(e => $"{e.Key}={e.Value}"));
        Assert.True(process.ExitCode == 0, $"numerics {mode} {threads} [{settings}] exited {process.ExitCode}: {output}\n{error.Result}");
        return JsonSerializer.Deserialize<NumericsRun>(output.Trim())
            ?? throw new InvalidDataException($"numerics {mode} {threads} [{settings}] printed {output}");
    }

    /// <summary>The dotnet host running these tests, so the child runs on the same runtime.</summary>
    private static string DotnetHost()
    {
        var current = Environment.ProcessPath;
        return current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet"
            ? current
            : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
    }
}
