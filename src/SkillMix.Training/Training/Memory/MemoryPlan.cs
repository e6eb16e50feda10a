using System.Globalization;
using System.Text;

namespace SkillMix.Training.Training.Memory;

/// <summary>The bytes one training step needs, by kind, and whether they fit the GPU.</summary>
public sealed record MemoryPlan(
    MemoryPlanRequest Request, long Parameters, long TrainedParameters,
    long Weights, long Gradients, long OptimizerState, long Activations)
{
    private const double GiB = 1L << 30;

    public long Total => Weights + Gradients + OptimizerState + Activations;

    public bool Fits => Total <= Request.GpuMemoryGiB * GiB;

    /// <summary>A few lines for plan mode: what is trained how, the four amounts, and the verdict with the routes when it does not fit.</summary>
    public string Render()
    {
        var r = Request;
        var what = r.Lora is { } lora
            ? $"LoRA rank {lora.Rank} on {string.Join(",", lora.TargetModules)} ({TrainedParameters / 1e6:F1}M trained)"
            : "full fine-tuning";
        var mode = r.Mode switch
        {
            MemoryMode.Fp32 => "fp32",
            MemoryMode.Bf16MasterFp32 => "bf16 with fp32 master weights and Adam state",
            _ => "pure bf16 (weights, gradients and Adam state)",
        };
        var text = new StringBuilder();
        text.AppendLine(Invariant($"{Parameters / 1e9:F2}B parameters, {what}, {mode}, micro-batch {r.MicroBatch} x {r.SequenceLength} tokens, activation checkpointing {(r.ActivationCheckpointing ? "on" : "off")}"));
        text.AppendLine(Invariant($"  weights          {Weights / GiB,8:F1} GiB"));
        text.AppendLine(Invariant($"  gradients        {Gradients / GiB,8:F1} GiB"));
        text.AppendLine(Invariant($"  optimizer state  {OptimizerState / GiB,8:F1} GiB"));
        text.AppendLine(Invariant($"  activations      {Activations / GiB,8:F1} GiB"));
        text.Append(Invariant($"  total            {Total / GiB,8:F1} GiB: "));
        text.Append(Fits
            ? Invariant($"fits {r.GpuMemoryGiB:G} GiB ({r.GpuMemoryGiB - Total / GiB:F1} GiB to spare)")
            : Invariant($"does NOT fit {r.GpuMemoryGiB:G} GiB ({Total / GiB / r.GpuMemoryGiB:F1}x). Routes: ")
              + (r.Lora is null ? "LoRA, " : "a smaller micro-batch, ")
              + (r.ActivationCheckpointing ? "" : "activation checkpointing, ")
              + "or several GPUs through an external trainer (TorchSharp has no multi-GPU training).");
        return text.ToString();
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
