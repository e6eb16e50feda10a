using System.Runtime.InteropServices;

namespace SkillMix.Training.Runtime;

/// <summary>
/// Two switches of libtorch's global context that TorchSharp does not expose: oneDNN on or off, and deterministic
/// algorithms (TorchSharp 0.107 marks use_deterministic_algorithms "not implemented"). They are C++ member functions of
/// at::Context, exported by libtorch_cpu.so; on x86-64 Linux a member function is called as a C function whose first
/// argument is the object, which at::globalContext() returns.
/// </summary>
internal static class AtenContext
{
    private const string Library = "libtorch_cpu";

    public static bool MkldnnEnabled
    {
        get => userEnabledMkldnn(globalContext());
        set => setUserEnabledMkldnn(globalContext(), value);
    }

    /// <summary>Deterministic algorithms: on CPU they changed no bit of the measured training (docs/training.md); the pin
    /// sets them so that an operation with only a nondeterministic kernel fails instead of varying.</summary>
    public static bool DeterministicAlgorithms
    {
        get => deterministicAlgorithms(globalContext());
        set => setDeterministicAlgorithms(globalContext(), value, warnOnly: false);
    }

    [DllImport(Library, EntryPoint = "_ZN2at13globalContextEv")]
    private static extern IntPtr globalContext();

    [DllImport(Library, EntryPoint = "_ZN2at7Context20setUserEnabledMkldnnEb")]
    private static extern void setUserEnabledMkldnn(IntPtr context, [MarshalAs(UnmanagedType.U1)] bool enabled);

    [DllImport(Library, EntryPoint = "_ZNK2at7Context17userEnabledMkldnnEv")]
    [return: MarshalAs(UnmanagedType.U1)]
    private static extern bool userEnabledMkldnn(IntPtr context);

    [DllImport(Library, EntryPoint = "_ZNK2at7Context23deterministicAlgorithmsEv")]
    [return: MarshalAs(UnmanagedType.U1)]
    private static extern bool deterministicAlgorithms(IntPtr context);

    [DllImport(Library, EntryPoint = "_ZN2at7Context26setDeterministicAlgorithmsEbb")]
    private static extern void setDeterministicAlgorithms(IntPtr context, [MarshalAs(UnmanagedType.U1)] bool enabled, [MarshalAs(UnmanagedType.U1)] bool warnOnly);
}
