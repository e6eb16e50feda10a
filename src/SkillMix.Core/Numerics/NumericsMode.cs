namespace SkillMix.Core.Numerics;

/// <summary>How libtorch's CPU numerics are chosen for a process (docs/training.md, "Numerics").</summary>
public enum NumericsMode
{
    /// <summary>
    /// One portable choice of kernels, so a step gives the same bits on any x86-64 CPU with AVX2: SkillMix.Training's
    /// NumericsPin holds the exact settings and says what they cost.
    /// </summary>
    Pinned,

    /// <summary>libtorch's own choice for the CPU at hand: fastest, but results differ between CPUs in the last bits.</summary>
    Native,
}
