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

    // What autograd keeps per token, layer by layer, in the compute dtype d (fp32 for Fp32, else bf16):
    //   attention half: the layer input and RMSNorm's output (h + h), q, k, v (h + 2 kv), q and k after rotary (h + kv),
    //                   attention's output (h), and attention's log-sum-exp (fp32 per head);
    //   MLP half:       the residual and the norm's output (h + h), gate, up, silu(gate) and their product (4 i);
    //   RMSNorm works in fp32, so in bf16 modes each norm also keeps an fp32 copy of its input (2 x 4h).
    //   LoRA with dropout keeps each target's dropped input (in) and, always, A's output (rank).
    // With checkpointing only each layer's input stays, plus one layer recomputed in backward.
    // Outside the layers: the embedding's output and the final norm (2h), and the logits: in d, in fp32, and the fp32
    // log-probabilities of the loss, plus the fp32 gradient of the logits in backward (d + 12 bytes per vocabulary entry).
    private static long Activations(MemoryPlanRequest request)
    {
        var s = request.Shape;
        long h = s.Hidden, kv = s.KvWidth, i = s.Intermediate;
        var d = request.Mode == MemoryMode.Fp32 ? 4 : 2;
        var fp32Norms = d == 4 ? 0 : 2 * 4 * h;
        var perLayer = d * (7 * h + 3 * kv + 4 * i) + fp32Norms + 4L * s.Heads;
        if (request.Lora is { } lora)
        {
            perLayer += d * lora.TargetModules.Sum(t => (lora.Dropout > 0 ? s.Projection(t).In : 0) + lora.Rank);
        }
        var layers = request.ActivationCheckpointing
            ? s.Layers * d * h + perLayer
            : s.Layers * perLayer;
        var outside = 2 * d * h + (long)s.Vocab * (d + 12);
        var tokens = (long)request.MicroBatch * request.SequenceLength;
        return tokens * (layers + outside);
    }
}
