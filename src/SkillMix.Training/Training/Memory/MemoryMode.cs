namespace SkillMix.Training.Training.Memory;

/// <summary>How weights, gradients and Adam's state are stored during training.</summary>
public enum MemoryMode
{
    /// <summary>Everything float32: 4 bytes per weight, 4 per gradient, 8 of Adam state per trained weight.</summary>
    Fp32,

    /// <summary>bfloat16 forward and backward on a copy of the weights over float32 master weights, float32 gradients and
    /// Adam state (what autocast gives in PyTorch; the project's bf16 precision). Frozen weights (LoRA's base) are kept in
    /// bfloat16 only.</summary>
    Bf16MasterFp32,

    /// <summary>Everything bfloat16, Adam's moments too: the smallest full fine-tune, at the cost of updates that bfloat16's
    /// 8-bit mantissa rounds away at small learning rates.</summary>
    PureBf16,
}
