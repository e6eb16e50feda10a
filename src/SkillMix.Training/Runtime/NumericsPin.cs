using System.Runtime.InteropServices;
using SkillMix.Core.Numerics;
using static TorchSharp.torch;

namespace SkillMix.Training.Runtime;

/// <summary>
/// The exact settings of <see cref="NumericsMode.Pinned"/>: what makes libtorch 2.10's CPU results depend on the CPU,
/// each fixed to a choice every x86-64 CPU with AVX2 runs alike (measured in docs/training.md, "Numerics"):
/// ATen's vectorized kernels at the AVX2 level, MKL's conditional-numerical-reproducibility branch COMPATIBLE (the one MKL
/// keeps identical on Intel and non-Intel CPUs; its AVX2 branch falls back to another code path on AMD), oneDNN off (it
/// picks its kernels, AMX among them, by CPU), one thread (the split of every parallel sum depends on the thread count),
/// and float32 (bfloat16's fast kernels exist only on some CPUs; its portable path is about 14 times slower).
/// The environment variables are read once, when libtorch loads, so <see cref="TorchRuntime"/> sets them before that.
/// </summary>
public static class NumericsPin
{
    /// <summary>The version of these settings, which step keys carry (<see cref="NumericsKey.PinVersion"/>, kept beside the
    /// planner that writes keys); bump it there whenever a setting here changes.</summary>
    public const string Version = NumericsKey.PinVersion;

    /// <summary>The libtorch CPU threads of a pinned process, whatever the machine has.</summary>
    public const int Threads = 1;

    /// <summary>The environment libtorch must see when it loads.</summary>
    public static IReadOnlyDictionary<string, string> Environment { get; } = new SortedDictionary<string, string>(StringComparer.Ordinal)
    {
        ["ATEN_CPU_CAPABILITY"] = "avx2",
        ["MKL_CBWR"] = "COMPATIBLE",
        // oneDNN is switched off in the process; the cap limits what a libtorch that ignored the switch could pick.
        ["ONEDNN_MAX_CPU_ISA"] = "AVX2",
        ["OMP_NUM_THREADS"] = "1",
        ["MKL_NUM_THREADS"] = "1",
    };

    /// <summary>
    /// What in this process departs from the pin: its environment as libtorch reads it, oneDNN, deterministic mode and
    /// the thread count. Empty when libtorch was loaded pinned and nothing changed it since.
    /// </summary>
    public static IReadOnlyList<string> Check()
    {
        TorchRuntime.EnsureLoaded();
        var problems = Environment
            .Select(e => (e.Key, Want: e.Value, Have: Marshal.PtrToStringUTF8(Native.getenv(e.Key))))
            .Where(e => e.Have != e.Want)
            .Select(e => $"{e.Key} is {e.Have ?? "unset"}, pinned: {e.Want}")
            .ToList();
        if (AtenContext.MkldnnEnabled)
        {
            problems.Add("oneDNN is on, pinned: off");
        }
        if (!AtenContext.DeterministicAlgorithms)
        {
            problems.Add("deterministic algorithms are off, pinned: on");
        }
        if (get_num_threads() != Threads)
        {
            problems.Add($"libtorch uses {get_num_threads()} threads, pinned: {Threads}");
        }
        return problems;
    }

    // .NET keeps its own copy of the environment on Unix (Environment.SetEnvironmentVariable does not reach the C
    // library), and libtorch reads the C library's, so the pin goes through setenv itself.
    internal static void SetEnvironment()
    {
        foreach (var (name, value) in Environment)
        {
            if (Native.setenv(name, value, 1) != 0)
            {
                throw new InvalidOperationException($"Could not set {name}={value} for libtorch (errno {Marshal.GetLastPInvokeError()}).");
            }
        }
    }

    private static class Native
    {
        [DllImport("libc", SetLastError = true)]
        public static extern int setenv([MarshalAs(UnmanagedType.LPUTF8Str)] string name, [MarshalAs(UnmanagedType.LPUTF8Str)] string value, int overwrite);

        [DllImport("libc")]
        public static extern IntPtr getenv([MarshalAs(UnmanagedType.LPUTF8Str)] string name);
    }
}
