using SkillMix.Core.Numerics;
using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace SkillMix.Training.Runtime;

/// <summary>
/// Loads libtorch in a numerics mode and resolves a device name ("cpu", "cuda", "cuda:1"), replacing TorchSharp's
/// misleading load error (it blames a missing package reference) with the loader's real reason and the fix. The mode is
/// chosen once per process, before libtorch loads, because libtorch reads its settings only then (<see cref="NumericsPin"/>).
/// </summary>
public static class TorchRuntime
{
    private static readonly Lock Gate = new();
    private static NumericsMode? _numerics;

    /// <summary>The mode libtorch was loaded in; null before it is loaded.</summary>
    public static NumericsMode? Numerics
    {
        get
        {
            lock (Gate)
            {
                return _numerics;
            }
        }
    }

    public static Device Resolve(string device)
    {
        EnsureLoaded();
        var name = device.Trim().ToLowerInvariant();
        if (name == "cpu")
        {
            return CPU;
        }
        if (name == "cuda" || name.StartsWith("cuda:", StringComparison.Ordinal))
        {
            if (!TryCuda())
            {
                throw new InvalidOperationException(
                    $"Device '{device}' was requested, but CUDA is not available: this build carries libtorch for CPU, or no "
                    + "NVIDIA GPU and driver are present. Build with -p:SkillMixTorchDevice=cuda from a package source that "
                    + "serves the CUDA libtorch package (docs/training.md), on a machine with a GPU, or set the Device setting to cpu.");
            }
            return new Device(name);
        }
        throw new ArgumentException($"Device '{device}' is not known: use cpu, cuda or cuda:N.", nameof(device));
    }

    /// <summary>
    /// Makes sure libtorch is loaded, in <see cref="NumericsMode.Native"/> unless a mode was chosen before, or throws an
    /// error that says why it is not and what to do.
    /// </summary>
    public static void EnsureLoaded()
    {
        lock (Gate)
        {
            if (_numerics is null)
            {
                Load(NumericsMode.Native);
            }
        }
    }

    /// <summary>
    /// Makes sure libtorch is loaded in <paramref name="mode"/>. A process loads libtorch once, so asking for another mode
    /// than the one it was loaded in is an error: such a step must run in a process of its own.
    /// </summary>
    public static void EnsureLoaded(NumericsMode mode)
    {
        lock (Gate)
        {
            if (_numerics is null)
            {
                Load(mode);
            }
            else if (_numerics != mode)
            {
                throw new InvalidOperationException(
                    $"This process loaded libtorch with {_numerics.Value.ToString().ToLowerInvariant()} numerics, and a step asks for "
                    + $"{mode.ToString().ToLowerInvariant()}: libtorch reads its settings once, so run that step in a new process "
                    + "(one experiment uses one SkillMixNumerics).");
            }
        }
    }

    /// <summary>Sets libtorch's CPU threads, except in a pinned process, whose thread count is part of the pin.</summary>
    public static void UseThreads(int threads)
    {
        EnsureLoaded();
        if (threads > 0 && Numerics == NumericsMode.Native)
        {
            set_num_threads(threads);
        }
    }

    private static void Load(NumericsMode mode)
    {
        if (mode == NumericsMode.Pinned)
        {
            if (LibTorchIsMapped())
            {
                throw new InvalidOperationException(
                    "libtorch was loaded before its numerics were pinned, so the pin cannot take effect: call "
                    + "TorchRuntime.EnsureLoaded(NumericsMode.Pinned) before any other use of TorchSharp in this process.");
            }
            NumericsPin.SetEnvironment();
        }
        try
        {
            InitializeDeviceType(DeviceType.CPU);
        }
        catch (Exception e) when (e is NotSupportedException or TypeInitializationException or DllNotFoundException)
        {
            throw new InvalidOperationException(Diagnose(), e);
        }
        if (mode == NumericsMode.Pinned)
        {
            AtenContext.MkldnnEnabled = false;
            AtenContext.DeterministicAlgorithms = true;
            set_num_threads(NumericsPin.Threads);
        }
        _numerics = mode;
    }

    // The dynamic loader's map of this process says whether libtorch is in it already, whoever loaded it.
    private static bool LibTorchIsMapped() =>
        File.Exists("/proc/self/maps") && File.ReadLines("/proc/self/maps").Any(l => l.EndsWith("/libtorch_cpu.so", StringComparison.Ordinal));

    private static bool TryCuda()
    {
        try
        {
            InitializeDeviceType(DeviceType.CUDA);
            return cuda.is_available();
        }
        catch (Exception e) when (e is NotSupportedException or InvalidOperationException or DllNotFoundException or ExternalException)
        {
            return false;
        }
    }

    // Loading the library ourselves yields the dynamic loader's own message, which names the missing version or file.
    private static string Diagnose()
    {
        var library = Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
        if (!File.Exists(library))
        {
            library = Path.Combine(AppContext.BaseDirectory, "libLibTorchSharp.so");
        }
        if (!File.Exists(library))
        {
            return $"TorchSharp's native library libLibTorchSharp.so is not next to {AppContext.BaseDirectory}: reference "
                + "SkillMix.Training (which brings TorchSharp and libtorch-cpu-linux-x64) from the application and build it again.";
        }
        string reason;
        try
        {
            NativeLibrary.Free(NativeLibrary.Load(library));
            return $"{library} loads, yet TorchSharp failed to initialise libtorch; check that libtorch_cpu.so and its neighbours "
                + "were copied beside it (a complete build output has runtimes/linux-x64/native/libtorch_cpu.so).";
        }
        catch (DllNotFoundException e)
        {
            reason = e.Message;
        }
        return reason.Contains("GLIBCXX", StringComparison.Ordinal)
            ? $"TorchSharp cannot load {library}: {reason} This machine's libstdc++ is older than the GCC 13 one the library was "
              + "linked against. The build fixes this by marking that version requirement weak (build/SkillMix.TorchSharp.targets); "
              + "this output was not patched. Build it again with `dotnet build` (SkillMixPatchLibTorchSharp must not be false)."
            : $"TorchSharp cannot load {library}: {reason}";
    }
}
