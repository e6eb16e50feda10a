using System.Reflection;
using System.Runtime.CompilerServices;
using SkillMix.Training.Runtime;
using static TorchSharp.torch;

namespace SkillMix.Training.Tests;

internal static class TestSetup
{
    // The tests' models are tiny, and libtorch's OpenMP threads spin while they wait for each other: on a busy machine
    // one thread runs these tests about ten times faster than two.
    // Not when the assembly runs as the numerics program: that chooses how libtorch loads.
    [ModuleInitializer]
    internal static void UseOneThread()
    {
        if (Assembly.GetEntryAssembly() == typeof(TestSetup).Assembly)
        {
            return;
        }
        TorchRuntime.EnsureLoaded();
        set_num_threads(1);
    }
}
