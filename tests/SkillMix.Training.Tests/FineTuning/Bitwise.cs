using static TorchSharp.torch;

namespace SkillMix.Training.Tests.FineTuning;

internal static class Bitwise
{
    /// <summary>Same shape, dtype and bits (NaN-free tensors: equal values are equal bits, up to the sign of zero).</summary>
    public static bool Same(Tensor a, Tensor b) =>
        a.shape.SequenceEqual(b.shape) && a.dtype == b.dtype && a.eq(b).all().item<bool>();
}
