using SkillMix.Training.Training.Lora;

namespace SkillMix.Training.Training.Memory;

/// <summary>
/// Estimates the memory of one training step of a LLaMA-family decoder from its shape and the training settings: a pure
/// function, so plan mode can print it before anything is loaded. Counts what the step holds at its peak (the end of the
/// forward pass going into backward): weights, gradients, Adam's two moments, the activations autograd keeps, and the
/// logits with their float32 loss. Not counted: the CUDA context and allocator slack (a few GiB on a GPU), and any
/// attention matrix (scaled-dot-product attention keeps none).
/// </summary>
public static class TrainingMemory
{
    public static MemoryPlan Estimate(MemoryPlanRequest request)
    {
        var shape = request.Shape;
        if (request.MicroBatch < 1 || request.SequenceLength < 1)
        {
            throw new ArgumentException($"MicroBatch ({request.MicroBatch}) and SequenceLength ({request.SequenceLength}) must be at least 1.");
        }
        request.Lora?.Validate();
        var parameters = shape.ParameterCount();
        var adapters = request.Lora is { } lora ? AdapterParameters(shape, lora) : 0;
        var trained = request.Lora is null ? parameters : adapters;
        var frozen = request.Lora is null ? 0 : parameters;

        // Bytes per trained weight for (weights, gradients, Adam state), and per frozen weight.
        var (weight, gradient, adam, frozenWeight) = request.Mode switch
        {
            MemoryMode.Fp32 => (4, 4, 8, 4),
            MemoryMode.Bf16MasterFp32 => (2 + 4, 2 + 4, 8, 2),   // bf16 working copy + fp32 master; both hold a gradient
            MemoryMode.PureBf16 => (2, 2, 4, 2),
            _ => throw new ArgumentOutOfRangeException(nameof(request), request.Mode, "unknown memory mode"),
        };
        return new MemoryPlan(request, parameters + adapters, trained,
            Weights: trained * weight + frozen * frozenWeight,
            Gradients: trained * gradient,
            OptimizerState: trained * adam,
            Activations: Activations(request));
    }

    private static long AdapterParameters(DecoderShape shape, LoraConfig lora) =>
        shape.Layers * lora.TargetModules.Sum(t => { var (i, o) = shape.Projection(t); return lora.Rank * (i + o); });

    // What autograd keeps per token in a layer written as Hugging Face's LlamaDecoderLayer, with d the compute dtype's
    // size (4 for Fp32, else 2) and h, kv, i the widths:
    //   each RMSNorm (two per layer): its input cast to fp32 (4h), the normalised value and the output (2 d h);
    //   attention: q, and k and v repeated to every head (repeat_kv), as attention takes them (3 d h), attention's output
    //              and o_proj's contiguous input (2 d h), the log-sum-exp (4 bytes per head); rotary keeps only cos and sin;
    //   MLP: gate, silu(gate), up and their product (4 d i);
    //   LoRA, per target: A's output (d r), and with dropout the dropped input and its mask (in (d + 1)).
    // With checkpointing each layer keeps only its input (d h), plus one layer recomputed in backward and the gradients
    // flowing back through it (about gate's and up's, and two of the residual width: 2 d i + 2 d h).
    // Outside the layers: the final norm (4h + 2 d h) and the logits at the start of backward: the logits (d V; in bf16
    // also their fp32 copy, 4V), the loss's log-probabilities (4V) and the fp32 gradients of both (8V).
    private static long Activations(MemoryPlanRequest request)
    {
        var s = request.Shape;
        long h = s.Hidden, i = s.Intermediate;
        var d = request.Mode == MemoryMode.Fp32 ? 4 : 2;
        var perLayer = 2 * (4 * h + 2 * d * h) + 5 * d * h + 4 * d * i + 4L * s.Heads;
        if (request.Lora is { } lora)
        {
            perLayer += lora.TargetModules.Sum(t => d * lora.Rank + (lora.Dropout > 0 ? s.Projection(t).In * (d + 1) : 0));
        }
        var layers = request.ActivationCheckpointing
            ? s.Layers * d * h + perLayer + 2 * d * (i + h)
            : s.Layers * perLayer;
        var outside = 4 * h + 2 * d * h + (long)s.Vocab * (d + (d == 2 ? 4 : 0) + 12);
        var tokens = (long)request.MicroBatch * request.SequenceLength;
        return tokens * (layers + outside);
    }
}
