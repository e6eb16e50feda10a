using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SkillMix.Training.Tests.FineTuning;

// A tiny causal language model whose parameter names are LLaMA's Hugging Face keys (model.embed_tokens.weight,
// model.layers.N.self_attn.q_proj.weight, ..., lm_head.weight), for testing the fine-tuning parts without the real decoder.
// Field names are the keys, hence snake_case. Projections are declared as Module<Tensor, Tensor> so LoRA can wrap them.
#pragma warning disable IDE1006
internal sealed class HfStyleLm : nn.Module<Tensor, Tensor>
{
    private readonly HfStyleDecoder model;
    private readonly nn.Module<Tensor, Tensor> lm_head;

    public HfStyleLm(int vocab = 40, int hidden = 16, int intermediate = 24, int layers = 2, long seed = 1) : base(nameof(HfStyleLm))
    {
        model = new HfStyleDecoder(vocab, hidden, intermediate, layers);
        lm_head = nn.Linear(hidden, vocab, hasBias: false);
        RegisterComponents();
        using var generator = new Generator((ulong)seed);
        using var _ = no_grad();
        foreach (var (_, parameter) in named_parameters())
        {
            parameter.copy_(randn(parameter.shape, generator: generator).mul_(0.2));
        }
    }

    public HfStyleDecoder Decoder => model;

    public override Tensor forward(Tensor idx) => lm_head.forward(model.forward(idx)); // (B, T, V)
}

internal sealed class HfStyleDecoder : nn.Module<Tensor, Tensor>
{
    private readonly Embedding embed_tokens;
    private readonly ModuleList<HfStyleLayer> layers;
    private readonly LayerNorm norm;

    public HfStyleDecoder(int vocab, int hidden, int intermediate, int count) : base(nameof(HfStyleDecoder))
    {
        embed_tokens = nn.Embedding(vocab, hidden);
        layers = nn.ModuleList(Enumerable.Range(0, count).Select(_ => new HfStyleLayer(hidden, intermediate)).ToArray());
        norm = nn.LayerNorm(hidden, bias: false);
        RegisterComponents();
    }

    /// <summary>When set, each layer runs through it (activation checkpointing plugs in here).</summary>
    public Func<HfStyleLayer, Tensor, Tensor>? RunLayer { get; set; }

    public IReadOnlyList<HfStyleLayer> Layers => layers.ToArray();

    public override Tensor forward(Tensor idx)
    {
        var x = embed_tokens.forward(idx);                                     // (B, T, C)
        foreach (var layer in layers)
        {
            x = RunLayer is null ? layer.forward(x) : RunLayer(layer, x);       // (B, T, C)
        }
        return norm.forward(x);
    }
}

internal sealed class HfStyleLayer : nn.Module<Tensor, Tensor>
{
    private readonly LayerNorm input_layernorm;
    private readonly HfStyleAttention self_attn;
    private readonly LayerNorm post_attention_layernorm;
    private readonly HfStyleMlp mlp;

    public HfStyleLayer(int hidden, int intermediate) : base(nameof(HfStyleLayer))
    {
        input_layernorm = nn.LayerNorm(hidden, bias: false);
        self_attn = new HfStyleAttention(hidden);
        post_attention_layernorm = nn.LayerNorm(hidden, bias: false);
        mlp = new HfStyleMlp(hidden, intermediate);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        x = x + self_attn.forward(input_layernorm.forward(x));                // (B, T, C)
        return x + mlp.forward(post_attention_layernorm.forward(x));           // (B, T, C)
    }
}

internal sealed class HfStyleAttention : nn.Module<Tensor, Tensor>
{
    private readonly nn.Module<Tensor, Tensor> q_proj;
    private readonly nn.Module<Tensor, Tensor> k_proj;
    private readonly nn.Module<Tensor, Tensor> v_proj;
    private readonly nn.Module<Tensor, Tensor> o_proj;
    private readonly int _heads = 2;

    public HfStyleAttention(int hidden) : base(nameof(HfStyleAttention))
    {
        q_proj = nn.Linear(hidden, hidden, hasBias: false);
        k_proj = nn.Linear(hidden, hidden, hasBias: false);
        v_proj = nn.Linear(hidden, hidden, hasBias: false);
        o_proj = nn.Linear(hidden, hidden, hasBias: false);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        var (b, t, c) = (x.shape[0], x.shape[1], x.shape[2]);
        var q = q_proj.forward(x).view(b, t, _heads, c / _heads).transpose(1, 2); // (B, nh, T, hs)
        var k = k_proj.forward(x).view(b, t, _heads, c / _heads).transpose(1, 2); // (B, nh, T, hs)
        var v = v_proj.forward(x).view(b, t, _heads, c / _heads).transpose(1, 2); // (B, nh, T, hs)
        var y = nn.functional.scaled_dot_product_attention(q, k, v, is_casual: true); // (B, nh, T, hs)
        return o_proj.forward(y.transpose(1, 2).contiguous().view(b, t, c));   // (B, T, C)
    }
}

internal sealed class HfStyleMlp : nn.Module<Tensor, Tensor>
{
    private readonly nn.Module<Tensor, Tensor> gate_proj;
    private readonly nn.Module<Tensor, Tensor> up_proj;
    private readonly nn.Module<Tensor, Tensor> down_proj;

    public HfStyleMlp(int hidden, int intermediate) : base(nameof(HfStyleMlp))
    {
        gate_proj = nn.Linear(hidden, intermediate, hasBias: false);
        up_proj = nn.Linear(hidden, intermediate, hasBias: false);
        down_proj = nn.Linear(intermediate, hidden, hasBias: false);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x) =>
        down_proj.forward(nn.functional.silu(gate_proj.forward(x)) * up_proj.forward(x)); // (B, T, C)
}
#pragma warning restore IDE1006
