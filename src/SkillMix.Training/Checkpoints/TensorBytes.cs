using static TorchSharp.torch;

namespace SkillMix.Training.Checkpoints;

/// <summary>Between TorchSharp tensors and safetensors' dtype names and little-endian bytes.</summary>
internal static class TensorBytes
{
    public static string DTypeName(ScalarType type) => type switch
    {
        ScalarType.Float32 => "F32",
        ScalarType.BFloat16 => "BF16",
        ScalarType.Float16 => "F16",
        ScalarType.Float64 => "F64",
        ScalarType.Int64 => "I64",
        ScalarType.Int32 => "I32",
        _ => throw new ArgumentException($"Tensors of type {type} are not written to safetensors here; use float32, bfloat16 or float16."),
    };

    public static ScalarType TypeOf(string dtype, string tensorName, string file) => dtype switch
    {
        "F32" => ScalarType.Float32,
        "BF16" => ScalarType.BFloat16,
        "F16" => ScalarType.Float16,
        "F64" => ScalarType.Float64,
        _ => throw new InvalidDataException($"{file}: tensor '{tensorName}' is {dtype}; only F32, BF16, F16 and F64 weights can be loaded."),
    };

    public static int ElementSize(ScalarType type) => type switch
    {
        ScalarType.Float64 or ScalarType.Int64 => 8,
        ScalarType.Float32 or ScalarType.Int32 => 4,
        _ => 2,
    };

    /// <summary>A CPU copy of the tensor in <paramref name="type"/>, as safetensors stores it.</summary>
    public static SafeTensor ToSafeTensor(Tensor tensor, ScalarType type)
    {
        using var scope = NewDisposeScope();
        var cpu = tensor.detach().to(type).cpu().contiguous();
        return new SafeTensor(DTypeName(type), cpu.shape, cpu.bytes.ToArray());
    }

    /// <summary>Copies a stored tensor into a parameter (casting to its dtype, moving to its device) without recording a gradient.</summary>
    public static void CopyInto(Tensor target, SafeTensor stored, string name, string file)
    {
        if (!stored.Shape.SequenceEqual(target.shape))
        {
            throw new InvalidDataException($"{file}: tensor '{name}' is {string.Join('x', stored.Shape)}, the model's is {string.Join('x', target.shape)}.");
        }
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var cpu = empty(stored.Shape, TypeOf(stored.DType, name, file));
        cpu.bytes = stored.Data;
        target.copy_(cpu);
    }
}
