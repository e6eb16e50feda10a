using TorchSharp;
using SkillMix.Training.Training;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SkillMix.Training.Model;

/// <summary>RMSNorm: x / rms(x) * weight, computed in float32 whatever the model's dtype (as LLaMA was trained).</summary>
internal sealed class RmsNorm : nn.Module<Tensor, Tensor>
{
    private readonly Parameter weight;
    private readonly double _eps;

    public RmsNorm(long dim, double eps, Device device, ScalarType dtype) : base(nameof(RmsNorm))
    {
        weight = new Parameter(ones(dim, dtype, device));
        _eps = eps;
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        var x32 = x.dtype == float32 ? x : x.to(float32);                      // (B, T, C)
        var normed = x32.mul(x32.square().mean([-1], keepdim: true).add_(_eps).rsqrt_()); // (B, T, C)
        return weight * (x.dtype == float32 ? normed : normed.to(x.dtype));    // (B, T, C)
    }
}

/// <summary>
/// Rotary position embeddings in Hugging Face's rotate-half layout: the first and second halves of each head are the
/// two coordinates of each rotated pair, with frequencies theta^(-2i/d). Computed once per call for all layers.
/// </summary>
internal sealed class Rotary
{
    private readonly Tensor _invFreq;                                          // (hs / 2), float32
    private readonly Tensor _rotateHalf;                                       // (hs, hs): x @ it = rotate_half(x)

    public Rotary(LlamaConfig config, Device device)
    {
        // 1 / theta^(2i/d) in float32, as Hugging Face computes it, so long positions round alike.
        var exponents = arange(0, config.HeadDim, 2, int64, device).to(float32).div(config.HeadDim); // (hs / 2)
        _invFreq = tensor((float)config.RopeTheta, float32, device).pow(exponents).reciprocal().DetachFromDisposeScope();
        var half = config.HeadDim / 2;
        var matrix = new float[config.HeadDim * config.HeadDim];
        for (var i = 0; i < half; i++)
        {
            matrix[(i + half) * config.HeadDim + i] = -1;                      // out[i] = -x[i + hs/2]
            matrix[i * config.HeadDim + i + half] = 1;                         // out[i + hs/2] = x[i]
        }
        _rotateHalf = tensor(matrix, [config.HeadDim, config.HeadDim], float32, device).DetachFromDisposeScope();
    }

    /// <summary>cos and sin at each sequence's own positions (B, T), shaped (B, 1, T, hs) to broadcast over heads.</summary>
    public (Tensor Cos, Tensor Sin) At(Tensor positions, ScalarType dtype)
    {
        var freqs = positions.to(float32).unsqueeze(-1) * _invFreq;           // (B, T, hs / 2)
        var emb = cat([freqs, freqs], -1).unsqueeze(1);                        // (B, 1, T, hs)
        return (emb.cos().to(dtype), emb.sin().to(dtype));
    }

    /// <summary>
    /// For one new token per sequence (positions (B, 1)): the rotation as a matrix (B, 1, hs, hs), diag(cos) +
    /// rotate_half scaled by sin, so that x @ it = x * cos + rotate_half(x) * sin in one call.
    /// </summary>
    public Tensor Matrix(Tensor positions, ScalarType dtype)
    {
        var (cos, sin) = At(positions, float32);                               // (B, 1, 1, hs)
        return cos.squeeze(2).diag_embed().add_(_rotateHalf * sin).to(dtype);  // (B, 1, hs, hs)
    }

    public static Tensor Apply(Tensor x, Tensor cos, Tensor sin)
    {
        var half = x.shape[^1] / 2;
        var rotated = cat([x.narrow(-1, half, half).neg(), x.narrow(-1, 0, half)], -1); // (B, nh, T, hs)
        return x * cos + rotated * sin;                                        // (B, nh, T, hs)
    }
}

/// <summary>Causal self-attention with grouped-query heads: each key/value head serves Heads / KvHeads query heads.</summary>
internal sealed class LlamaAttention : nn.Module
{
    // The projections are declared as modules, not Linear, so a LoRA adapter can take a field's place (Training/Lora).
    private readonly nn.Module<Tensor, Tensor> q_proj;
    private readonly nn.Module<Tensor, Tensor> k_proj;
    private readonly nn.Module<Tensor, Tensor> v_proj;
    private readonly nn.Module<Tensor, Tensor> o_proj;
    private readonly int _heads, _kvHeads, _headDim;

    public LlamaAttention(LlamaConfig config, Device device, ScalarType dtype) : base(nameof(LlamaAttention))
    {
        (_heads, _kvHeads, _headDim) = (config.Heads, config.KvHeads, config.HeadDim);
        q_proj = nn.Linear(config.Hidden, _heads * _headDim, hasBias: false, device: device, dtype: dtype);
        k_proj = nn.Linear(config.Hidden, _kvHeads * _headDim, hasBias: false, device: device, dtype: dtype);
        v_proj = nn.Linear(config.Hidden, _kvHeads * _headDim, hasBias: false, device: device, dtype: dtype);
        o_proj = nn.Linear(_heads * _headDim, config.Hidden, hasBias: false, device: device, dtype: dtype);
        RegisterComponents();
    }

    /// <summary><paramref name="bias"/> (B, 1, T, S) is 0 where a query may attend to a key and -inf where not.</summary>
    public Tensor Attend(Tensor x, Tensor cos, Tensor sin, Tensor bias, KvCache? cache, int layer, long start)
    {
        var (b, t) = (x.shape[0], x.shape[1]);
        var groups = _heads / _kvHeads;
        var q = q_proj.forward(x).view(b, t, _heads, _headDim).transpose(1, 2);   // (B, nh, T, hs)
        var k = k_proj.forward(x).view(b, t, _kvHeads, _headDim).transpose(1, 2); // (B, nkv, T, hs)
        var v = v_proj.forward(x).view(b, t, _kvHeads, _headDim).transpose(1, 2); // (B, nkv, T, hs)
        q = Rotary.Apply(q, cos, sin);
        k = Rotary.Apply(k, cos, sin);
        if (cache is not null)
        {
            (k, v) = cache.Append(layer, start, k, v);                         // (B, nkv, S, hs), S = start + T
        }
        var s = k.shape[2];
        // Query heads h = g * groups + j share key/value head g: group them instead of copying keys per query head.
        var qg = q.reshape(b, _kvHeads, groups * t, _headDim);                 // (B, nkv, G*T, hs)
        var att = qg.matmul(k.transpose(-2, -1)).mul_(1.0 / Math.Sqrt(_headDim)); // (B, nkv, G*T, S)
        att = att.view(b, _kvHeads, groups, t, s).add_(bias.unsqueeze(2)).softmax(-1, float32); // (B, nkv, G, T, S)
        att = (q.dtype == float32 ? att : att.to(q.dtype)).view(b, _kvHeads, groups * t, s); // (B, nkv, G*T, S)
        var y = att.matmul(v).view(b, _heads, t, _headDim);                    // (B, nh, T, hs)
        y = y.transpose(1, 2).contiguous().view(b, t, _heads * _headDim);      // (B, T, C)
        return o_proj.forward(y);                                              // (B, T, C)
    }

    // One new token per sequence, the decoding step: the same computation in fewer calls (views for transposes, the
    // rotation as one matmul), since for small models the number of libtorch calls, not arithmetic, sets the speed.
    public Tensor AttendOne(Tensor x, Tensor rotation, Tensor bias, KvCache cache, int layer, long start)
    {
        var b = x.shape[0];
        var q = q_proj.forward(x).view(b, _kvHeads, _heads / _kvHeads, _headDim).matmul(rotation); // (B, nkv, G, hs)
        var k = k_proj.forward(x).view(b, _kvHeads, 1, _headDim).matmul(rotation); // (B, nkv, 1, hs)
        var v = v_proj.forward(x).view(b, _kvHeads, 1, _headDim);              // (B, nkv, 1, hs)
        (k, v) = cache.Append(layer, start, k, v);                             // (B, nkv, S, hs)
        var att = q.matmul(k.transpose(-2, -1)).mul_(1.0 / Math.Sqrt(_headDim)).add_(bias).softmax(-1, float32); // (B, nkv, G, S)
        var y = (q.dtype == float32 ? att : att.to(q.dtype)).matmul(v);        // (B, nkv, G, hs)
        return o_proj.forward(y.view(b, 1, _heads * _headDim));                // (B, 1, C)
    }
}

/// <summary>The SwiGLU feed-forward network: down(silu(gate(x)) * up(x)).</summary>
internal sealed class LlamaMlp : nn.Module<Tensor, Tensor>
{
    // Declared as modules, not Linear, so a LoRA adapter can take a field's place.
    private readonly nn.Module<Tensor, Tensor> gate_proj;
    private readonly nn.Module<Tensor, Tensor> up_proj;
    private readonly nn.Module<Tensor, Tensor> down_proj;

    public LlamaMlp(LlamaConfig config, Device device, ScalarType dtype) : base(nameof(LlamaMlp))
    {
        gate_proj = nn.Linear(config.Hidden, config.Intermediate, hasBias: false, device: device, dtype: dtype);
        up_proj = nn.Linear(config.Hidden, config.Intermediate, hasBias: false, device: device, dtype: dtype);
        down_proj = nn.Linear(config.Intermediate, config.Hidden, hasBias: false, device: device, dtype: dtype);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x) =>
        down_proj.forward(nn.functional.silu(gate_proj.forward(x)) * up_proj.forward(x)); // (B, T, C)
}

/// <summary>One pre-norm decoder layer: x + attn(norm(x)), then x + mlp(norm(x)).</summary>
internal sealed class LlamaDecoderLayer : nn.Module
{
    private readonly LlamaAttention self_attn;
    private readonly LlamaMlp mlp;
    private readonly RmsNorm input_layernorm;
    private readonly RmsNorm post_attention_layernorm;

    public LlamaDecoderLayer(LlamaConfig config, Device device, ScalarType dtype) : base(nameof(LlamaDecoderLayer))
    {
        self_attn = new LlamaAttention(config, device, dtype);
        mlp = new LlamaMlp(config, device, dtype);
        input_layernorm = new RmsNorm(config.Hidden, config.NormEps, device, dtype);
        post_attention_layernorm = new RmsNorm(config.Hidden, config.NormEps, device, dtype);
        RegisterComponents();
    }

    public Tensor Run(Tensor x, Tensor cos, Tensor sin, Tensor bias, KvCache? cache, int layer, long start)
    {
        x = x + self_attn.Attend(input_layernorm.forward(x), cos, sin, bias, cache, layer, start); // (B, T, C)
        return x + mlp.forward(post_attention_layernorm.forward(x));           // (B, T, C)
    }

    public Tensor RunOne(Tensor x, Tensor rotation, Tensor bias, KvCache cache, int layer, long start)
    {
        x = x + self_attn.AttendOne(input_layernorm.forward(x), rotation, bias, cache, layer, start); // (B, 1, C)
        return x + mlp.forward(post_attention_layernorm.forward(x));           // (B, 1, C)
    }
}

/// <summary>The decoder stack (Hugging Face's "model."): token embedding, layers, final norm.</summary>
internal sealed class LlamaModel : nn.Module
{
    private readonly Embedding embed_tokens;
    private readonly ModuleList<LlamaDecoderLayer> layers;
    private readonly RmsNorm norm;
    private readonly Rotary _rotary;

    public LlamaModel(LlamaConfig config, Device device, ScalarType dtype) : base(nameof(LlamaModel))
    {
        embed_tokens = nn.Embedding(config.VocabSize, config.Hidden, device: device, dtype: dtype);
        layers = nn.ModuleList(Enumerable.Range(0, config.Layers).Select(_ => new LlamaDecoderLayer(config, device, dtype)).ToArray());
        norm = new RmsNorm(config.Hidden, config.NormEps, device, dtype);
        _rotary = new Rotary(config, device);
        RegisterComponents();
    }

    public Tensor EmbeddingWeight => embed_tokens.weight!;

    /// <summary>While training, run each decoder layer under activation checkpointing (recomputed in backward).</summary>
    public bool CheckpointLayers { get; set; }

    /// <summary>Final hidden states (B, T, C) of tokens (B, T) at their positions (B, T), attending where mask allows.</summary>
    public Tensor Hidden(Tensor idx, Tensor positions, Tensor mask, KvCache? cache, long start)
    {
        var x = embed_tokens.forward(idx);                                     // (B, T, C)
        var bias = zeros(mask.shape, float32, mask.device).masked_fill_(mask.logical_not(), double.NegativeInfinity); // (B, 1, T, S)
        if (cache is not null && idx.shape[1] == 1)
        {
            var rotation = _rotary.Matrix(positions, x.dtype);                 // (B, 1, hs, hs)
            for (var layer = 0; layer < layers.Count; layer++)
            {
                x = layers[layer].RunOne(x, rotation, bias, cache, layer, start); // (B, 1, C)
            }
            return norm.forward(x);                                            // (B, 1, C)
        }
        var (cos, sin) = _rotary.At(positions, x.dtype);                       // (B, 1, T, hs) each
        for (var layer = 0; layer < layers.Count; layer++)
        {
            var block = layers[layer];
            var index = layer;
            if (cache is not null || !is_grad_enabled())
            {
                x = block.Run(x, cos, sin, bias, cache, index, start);         // (B, T, C)
            }
            else if (CheckpointLayers)
            {
                x = ActivationCheckpoint.Run(h => block.Run(h, cos, sin, bias, null, index, 0), x, block.parameters()); // (B, T, C)
            }
            else
            {
                // Training: each layer's intermediates get their own scope, so only what autograd keeps outlives the layer
                // (a step-wide scope would hold every intermediate until the step ends).
                using var scope = NewDisposeScope();
                x = scope.MoveToOuter(block.Run(x, cos, sin, bias, null, index, 0)); // (B, T, C)
            }
        }
        return norm.forward(x);                                                // (B, T, C)
    }
}

/// <summary>
/// A LLaMA-family causal language model (LlamaForCausalLM, MistralForCausalLM): the decoder stack and an output head,
/// tied to the token embedding or its own lm_head. The field names are the Hugging Face keys (model.layers.0.self_attn.q_proj.weight, ...).
/// </summary>
internal sealed class Llama : nn.Module<Tensor, Tensor>, IKvDecoder
{
    private readonly LlamaModel model;
    private readonly Linear? lm_head;

    public Llama(LlamaConfig config, Device device, ScalarType dtype) : base(nameof(Llama))
    {
        Config = config;
        Device = device;
        DType = dtype;
        model = new LlamaModel(config, device, dtype);
        lm_head = config.TiedEmbeddings ? null : nn.Linear(config.Hidden, config.VocabSize, hasBias: false, device: device, dtype: dtype);
        RegisterComponents();
    }

    public LlamaConfig Config { get; }

    public Device Device { get; }

    public ScalarType DType { get; }

    /// <summary>While training, run each decoder layer under activation checkpointing: less memory, one more forward pass.</summary>
    public bool CheckpointLayers
    {
        get => model.CheckpointLayers;
        set => model.CheckpointLayers = value;
    }

    public long ContextLength => Config.ContextLength;

    /// <summary>Next-token logits (B, T, V) at every position of sequences that start at position 0.</summary>
    public override Tensor forward(Tensor idx)
    {
        var t = idx.shape[1];
        var positions = arange(t, int64, idx.device).unsqueeze(0).expand(idx.shape[0], t); // (B, T)
        var causal = ones(t, t, @bool, idx.device).tril().view(1, 1, t, t);    // (1, 1, T, T)
        return Head(model.Hidden(idx, positions, causal, cache: null, start: 0)); // (B, T, V)
    }

    public Tensor Decode(Tensor idx, Tensor positions, KvCache cache, long start, Tensor mask)
    {
        var x = model.Hidden(idx, positions, mask, cache, start);              // (B, T, C)
        return Head(x.select(1, x.shape[1] - 1));                              // (B, V)
    }

    public KvCache NewCache(long batch, long length) =>
        new(Config.Layers, Config.KvHeads, Config.HeadDim, batch, length, Device, DType);

    public void Evaluate() => eval();

    private Tensor Head(Tensor x) => lm_head is null
        ? nn.functional.linear(x, model.EmbeddingWeight)                       // (..., V)
        : lm_head.forward(x);                                                  // (..., V)
}
