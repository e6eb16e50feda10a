using SkillMix.Training.Training.Memory;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SkillMix.Bench.FineTune;

// A LLaMA-shaped decoder written as Hugging Face's LlamaForCausalLM computes it (RMSNorm in fp32, rotary in the rotate-half
// layout, repeat_kv before attention, SwiGLU), with its key names, for measuring memory only: it is not the project's
// model and loads no checkpoint. Projections are declared as Module<Tensor, Tensor> so LoRA can wrap them.
#pragma warning disable IDE1006 // field names are the Hugging Face keys
internal sealed class LlamaShaped : nn.Module<Tensor, Tensor>
{
    private readonly LlamaShapedModel model;
    private readonly nn.Module<Tensor, Tensor> lm_head;

    public LlamaShaped(DecoderShape shape) : base(nameof(LlamaShaped))
    {
        model = new LlamaShapedModel(shape);
        lm_head = nn.Linear(shape.Hidden, shape.Vocab, hasBias: false);
        RegisterComponents();
    }

    public bool Checkpointing { set => model.Checkpointing = value; }

    public override Tensor forward(Tensor idx) => lm_head.forward(model.forward(idx));    // (B, T, V)
}

internal sealed class LlamaShapedModel : nn.Module<Tensor, Tensor>
{
    private readonly Embedding embed_tokens;
    private readonly ModuleList<LlamaShapedLayer> layers;
    private readonly RmsNorm norm;
    private readonly int _headDim;

    public LlamaShapedModel(DecoderShape shape) : base(nameof(LlamaShapedModel))
    {
        embed_tokens = nn.Embedding(shape.Vocab, shape.Hidden);
        layers = nn.ModuleList(Enumerable.Range(0, shape.Layers).Select(_ => new LlamaShapedLayer(shape)).ToArray());
        norm = new RmsNorm(shape.Hidden);
        _headDim = shape.Hidden / shape.Heads;
        RegisterComponents();
    }

    public bool Checkpointing { get; set; }

    public override Tensor forward(Tensor idx)
    {
        var t = idx.shape[1];
        var inv = pow(10000.0, arange(0, _headDim, 2, dtype: float32) / _headDim).reciprocal(); // (hs/2)
        var angles = outer(arange(t, dtype: float32), inv);                                  // (T, hs/2)
        var emb = cat([angles, angles], -1);                                                 // (T, hs)
        var x = embed_tokens.forward(idx);                                                   // (B, T, C)
        var (cos, sin) = (emb.cos().to(x.dtype), emb.sin().to(x.dtype));
        foreach (var layer in layers)
        {
            // A scope per layer releases the layer's intermediates that autograd does not keep; the step's scope alone
            // would hold every one of them until the step ends.
            using var scope = NewDisposeScope();
            x = scope.MoveToOuter(Checkpointing
                ? SkillMix.Training.Training.ActivationCheckpoint.Run(h => layer.Run(h, cos, sin), x, layer.parameters())
                : layer.Run(x, cos, sin));                                                   // (B, T, C)
        }
        return norm.forward(x);
    }
}

internal sealed class LlamaShapedLayer : nn.Module<Tensor, Tensor>
{
    private readonly RmsNorm input_layernorm;
    private readonly LlamaShapedAttention self_attn;
    private readonly RmsNorm post_attention_layernorm;
    private readonly LlamaShapedMlp mlp;

    public LlamaShapedLayer(DecoderShape shape) : base(nameof(LlamaShapedLayer))
    {
        input_layernorm = new RmsNorm(shape.Hidden);
        self_attn = new LlamaShapedAttention(shape);
        post_attention_layernorm = new RmsNorm(shape.Hidden);
        mlp = new LlamaShapedMlp(shape);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x) => throw new NotSupportedException("call Run with the rotary tables");

    public Tensor Run(Tensor x, Tensor cos, Tensor sin)
    {
        x = x + self_attn.Run(input_layernorm.forward(x), cos, sin);                         // (B, T, C)
        return x + mlp.forward(post_attention_layernorm.forward(x));                          // (B, T, C)
    }
}

internal sealed class LlamaShapedAttention : nn.Module<Tensor, Tensor>
{
    private readonly nn.Module<Tensor, Tensor> q_proj;
    private readonly nn.Module<Tensor, Tensor> k_proj;
    private readonly nn.Module<Tensor, Tensor> v_proj;
    private readonly nn.Module<Tensor, Tensor> o_proj;
    private readonly int _heads;
    private readonly int _kvHeads;

    public LlamaShapedAttention(DecoderShape shape) : base(nameof(LlamaShapedAttention))
    {
        q_proj = nn.Linear(shape.Hidden, shape.Hidden, hasBias: false);
        k_proj = nn.Linear(shape.Hidden, shape.KvWidth, hasBias: false);
        v_proj = nn.Linear(shape.Hidden, shape.KvWidth, hasBias: false);
        o_proj = nn.Linear(shape.Hidden, shape.Hidden, hasBias: false);
        (_heads, _kvHeads) = (shape.Heads, shape.KvHeads);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x) => throw new NotSupportedException("call Run with the rotary tables");

    public Tensor Run(Tensor x, Tensor cos, Tensor sin)
    {
        var (b, t, c) = (x.shape[0], x.shape[1], x.shape[2]);
        var hs = c / _heads;
        var q = q_proj.forward(x).view(b, t, _heads, hs).transpose(1, 2);                    // (B, nh, T, hs)
        var k = k_proj.forward(x).view(b, t, _kvHeads, hs).transpose(1, 2);                  // (B, nkv, T, hs)
        var v = v_proj.forward(x).view(b, t, _kvHeads, hs).transpose(1, 2);                  // (B, nkv, T, hs)
        (q, k) = (q * cos + RotateHalf(q) * sin, k * cos + RotateHalf(k) * sin);
        k = k.repeat_interleave(_heads / _kvHeads, dim: 1);                                   // (B, nh, T, hs)
        v = v.repeat_interleave(_heads / _kvHeads, dim: 1);                                   // (B, nh, T, hs)
        var y = nn.functional.scaled_dot_product_attention(q, k, v, is_casual: true);        // (B, nh, T, hs)
        return o_proj.forward(y.transpose(1, 2).contiguous().view(b, t, c));                  // (B, T, C)
    }

    private static Tensor RotateHalf(Tensor x)
    {
        var half = x.shape[^1] / 2;
        return cat([x.narrow(-1, half, half).neg(), x.narrow(-1, 0, half)], -1);
    }
}

internal sealed class LlamaShapedMlp : nn.Module<Tensor, Tensor>
{
    private readonly nn.Module<Tensor, Tensor> gate_proj;
    private readonly nn.Module<Tensor, Tensor> up_proj;
    private readonly nn.Module<Tensor, Tensor> down_proj;

    public LlamaShapedMlp(DecoderShape shape) : base(nameof(LlamaShapedMlp))
    {
        gate_proj = nn.Linear(shape.Hidden, shape.Intermediate, hasBias: false);
        up_proj = nn.Linear(shape.Hidden, shape.Intermediate, hasBias: false);
        down_proj = nn.Linear(shape.Intermediate, shape.Hidden, hasBias: false);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x) =>
        down_proj.forward(nn.functional.silu(gate_proj.forward(x)) * up_proj.forward(x));   // (B, T, C)
}

internal sealed class RmsNorm : nn.Module<Tensor, Tensor>
{
    private readonly Parameter weight;

    public RmsNorm(int width) : base(nameof(RmsNorm))
    {
        weight = new Parameter(ones(width));
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        var x32 = x.to(float32);                                                              // (B, T, C)
        var normed = x32 * x32.pow(2).mean([-1], keepdim: true).add(1e-5).rsqrt();            // (B, T, C)
        return weight * normed.to(x.dtype);                                                   // (B, T, C)
    }
}
#pragma warning restore IDE1006
