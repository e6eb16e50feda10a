namespace SkillMix.Training.Checkpoints;

/// <summary>One tensor of a safetensors file: its dtype ("F32", "BF16", ...), shape and raw little-endian bytes.</summary>
public sealed record SafeTensor(string DType, long[] Shape, byte[] Data);
