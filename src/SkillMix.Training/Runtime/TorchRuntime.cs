using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace SkillMix.Training.Runtime;

/// <summary>
/// Loads libtorch and resolves a device name ("cpu", "cuda", "cuda:1"), replacing TorchSharp's misleading load error
/// (it blames a missing package reference) with the loader's real reason and the fix.
/// </summary>
public static class TorchRuntime
{
    private static readonly Lock Gate = new();
    private static bool _loaded;

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

    /// <summary>Makes sure libtorch is loaded, or throws an error that says why it is not and what to do.</summary>
    public static void EnsureLoaded()
    {
        lock (Gate)
        {
            if (_loaded)
            {
                return;
            }
            try
            {
                InitializeDeviceType(DeviceType.CPU);
            }
            catch (Exception e) when (e is NotSupportedException or TypeInitializationException or DllNotFoundException)
            {
                throw new InvalidOperationException(Diagnose(), e);
            }
            _loaded = true;
        }
    }

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
