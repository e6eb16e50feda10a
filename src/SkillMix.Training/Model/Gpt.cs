using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SkillMix.Training.Model;

/// <summary>
/// The size of a decoder-only transformer. The defaults are the tiny student that trains on two CPU
/// cores in minutes (about 0.95M parameters with the offline world's word vocabulary); every size is a setting.
/// </summary>
public sealed record GptConfig
{
    /// <summary>Tokens in the vocabulary; set from the tokenizer when a model is built.</summary>
    public int VocabSize { get; init; }

    /// <summary>Longest sequence (prompt and answer) the model sees; positions past it do not exist.</summary>
    public int BlockSize { get; init; } = 512;

    /// <summary>Transformer blocks.</summary>
    public int Layers { get; init; } = 4;

    /// <summary>Attention heads per block; must divide <see cref="Embedding"/>.</summary>
    public int Heads { get; init; } = 4;

    /// <summary>Width of the residual stream.</summary>
    public int Embedding { get; init; } = 128;

    /// <summary>Dropout while training; 0 suits tiny models trained briefly.</summary>
    public double Dropout { get; init; }

    /// <summary>Biases in linear layers and layer norms (GPT-2 has them; without is a little faster and as good).</summary>
    public bool Bias { get; init; }

    /// <summary>Parameters of a model of this size, counting the tied embedding once.</summary>
    public long ParameterCount()
    {
        long c = Embedding, l = Layers, b = Bias ? 1 : 0;
        var perBlock = 12 * c * c + 2 * c * (1 + b) + b * (3 * c + c + 4 * c + c);
        return (long)VocabSize * c + (long)BlockSize * c + l * perBlock + c * (1 + b);
    }
}

/// <summary>Multi-head causal self-attention; with a KV cache it attends over everything the cache holds so far.</summary>
internal sealed class CausalSelfAttention : nn.Module<Tensor, Tensor>
{
    private readonly Linear c_attn;
    private readonly Linear c_proj;
    private readonly Dropout resid_dropout;
    private readonly int _heads;
    private readonly double _dropout;

    public CausalSelfAttention(GptConfig config) : base(nameof(CausalSelfAttention))
    {
        if (config.Embedding % config.Heads != 0)
        {
            throw new ArgumentException($"Embedding ({config.Embedding}) must be a multiple of Heads ({config.Heads}).", nameof(config));
        }
        c_attn = nn.Linear(config.Embedding, 3 * config.Embedding, hasBias: config.Bias);
        c_proj = nn.Linear(config.Embedding, config.Embedding, hasBias: config.Bias);
        resid_dropout = nn.Dropout(config.Dropout);
        _heads = config.Heads;
        _dropout = config.Dropout;
        RegisterComponents();
    }

    public override Tensor forward(Tensor x) => Attend(x, cache: null, layer: 0, start: 0, mask: null);

    public Tensor Attend(Tensor x, KvCache? cache, int layer, long start, Tensor? mask)
    {
        var (b, t, c) = (x.shape[0], x.shape[1], x.shape[2]);
        var qkv = c_attn.forward(x).split(c, dim: 2);                          // 3 x (B, T, C)
        var q = qkv[0].view(b, t, _heads, c / _heads).transpose(1, 2);         // (B, nh, T, hs)
        var k = qkv[1].view(b, t, _heads, c / _heads).transpose(1, 2);         // (B, nh, T, hs)
        var v = qkv[2].view(b, t, _heads, c / _heads).transpose(1, 2);         // (B, nh, T, hs)
        if (cache is not null)
        {
            (k, v) = cache.Append(layer, start, k, v);                         // (B, nh, start + T, hs)
        }
        var y = mask is null
            ? nn.functional.scaled_dot_product_attention(q, k, v, p: training ? _dropout : 0.0, is_casual: true) // (B, nh, T, hs)
            : Masked(q, k, v, mask);                                           // (B, nh, T, hs)
        y = y.transpose(1, 2).contiguous().view(b, t, c);                     // (B, T, C)
        return resid_dropout.forward(c_proj.forward(y));
    }

    // Attention over the cache, written out: the cache's keys and values are a strided view (its first start + T
    // positions), which matmul reads in place, where scaled_dot_product_attention with a mask copies them on every call.
    private static Tensor Masked(Tensor q, Tensor k, Tensor v, Tensor mask)
    {
        var att = q.matmul(k.transpose(-2, -1)).mul_(1.0 / Math.Sqrt(q.shape[3])); // (B, nh, T, start + T)
        att = att.masked_fill_(mask.logical_not(), double.NegativeInfinity).softmax(-1);
        return att.matmul(v);                                                  // (B, nh, T, hs)
    }
}

/// <summary>The position-wise feed-forward network: 4x wider, GELU.</summary>
internal sealed class Mlp : nn.Module<Tensor, Tensor>
{
    private readonly Linear c_fc;
    private readonly GELU gelu;
    private readonly Linear c_proj;
    private readonly Dropout dropout;

    public Mlp(GptConfig config) : base(nameof(Mlp))
    {
        c_fc = nn.Linear(config.Embedding, 4 * config.Embedding, hasBias: config.Bias);
        gelu = nn.GELU();
        c_proj = nn.Linear(4 * config.Embedding, config.Embedding, hasBias: config.Bias);
        dropout = nn.Dropout(config.Dropout);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x) =>
        dropout.forward(c_proj.forward(gelu.forward(c_fc.forward(x))));      // (B, T, C)
}

/// <summary>One pre-norm transformer block: x + attn(ln(x)), then x + mlp(ln(x)).</summary>
internal sealed class Block : nn.Module<Tensor, Tensor>
{
    private readonly LayerNorm ln_1;
    private readonly CausalSelfAttention attn;
    private readonly LayerNorm ln_2;
    private readonly Mlp mlp;

    public Block(GptConfig config) : base(nameof(Block))
    {
        ln_1 = nn.LayerNorm(config.Embedding, bias: config.Bias);
        attn = new CausalSelfAttention(config);
        ln_2 = nn.LayerNorm(config.Embedding, bias: config.Bias);
        mlp = new Mlp(config);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x) => Run(x, cache: null, layer: 0, start: 0, mask: null);

    public Tensor Run(Tensor x, KvCache? cache, int layer, long start, Tensor? mask)
    {
        x = x + attn.Attend(ln_1.forward(x), cache, layer, start, mask);       // (B, T, C)
        return x + mlp.forward(ln_2.forward(x));                               // (B, T, C)
    }
}

/// <summary>
/// A GPT: token and position embeddings, pre-norm blocks, a final layer norm, and an output layer tied to the token
/// embedding. The field names are the checkpoint keys (wte.weight, h.0.attn.c_attn.weight, ...).
/// </summary>
internal sealed class Gpt : nn.Module<Tensor, Tensor>, IKvDecoder
{
    private readonly Embedding wte;
    private readonly Embedding wpe;
    private readonly Dropout drop;
    private readonly ModuleList<Block> h;
    private readonly LayerNorm ln_f;

    public Gpt(GptConfig config, long seed) : base(nameof(Gpt))
    {
        Config = config;
        wte = nn.Embedding(config.VocabSize, config.Embedding);
        wpe = nn.Embedding(config.BlockSize, config.Embedding);
        drop = nn.Dropout(config.Dropout);
        h = nn.ModuleList(Enumerable.Range(0, config.Layers).Select(_ => new Block(config)).ToArray());
        ln_f = nn.LayerNorm(config.Embedding, bias: config.Bias);
        RegisterComponents();
        InitializeLikeGpt2(seed);
    }

    public GptConfig Config { get; }

    public long ContextLength => Config.BlockSize;

    public Device Device => wte.weight!.device;

    public ScalarType DType => wte.weight!.dtype;

    public KvCache NewCache(long batch, long length) => new(Config, batch, length, Device, DType);

    public void Evaluate() => eval();

    /// <summary>Next-token logits at every position of a batch of sequences that start at position 0.</summary>
    public override Tensor forward(Tensor idx)
    {
        var t = idx.shape[1];
        using var pos = arange(t, dtype: int64, device: idx.device);          // (T)
        var x = drop.forward(wte.forward(idx) + wpe.forward(pos));             // (B, T, C)
        foreach (var block in h)
        {
            x = block.forward(x);                                              // (B, T, C)
        }
        return nn.functional.linear(ln_f.forward(x), wte.weight!);             // (B, T, V)
    }

    /// <summary>
    /// Runs new tokens through the model, appending their keys and values to the cache at <paramref name="start"/>, and
    /// returns the logits of the last new token of each sequence. Positions are per sequence, so left-padded prompts of
    /// different lengths share a batch; <paramref name="mask"/> (B, 1, T, start + T) says which cached keys each new
    /// token may attend to.
    /// </summary>
    public Tensor Decode(Tensor idx, Tensor positions, KvCache cache, long start, Tensor mask)
    {
        var x = wte.forward(idx) + wpe.forward(positions);                     // (B, T, C)
        for (var layer = 0; layer < h.Count; layer++)
        {
            x = h[layer].Run(x, cache, layer, start, mask);                    // (B, T, C)
        }
        var last = x.select(1, x.shape[1] - 1);                                // (B, C)
        return nn.functional.linear(ln_f.forward(last), wte.weight!);          // (B, V)
    }

    // GPT-2's initialisation: N(0, 0.02) everywhere, zero biases, and the residual projections scaled down by
    // sqrt(2 * layers) so the residual stream does not grow with depth. TorchSharp's default init with tied embeddings
    // starts far above ln(vocabulary) and trains slowly.
    private void InitializeLikeGpt2(long seed)
    {
        using var generator = new Generator(unchecked((ulong)seed));
        using var _ = no_grad();
        foreach (var (name, parameter) in named_parameters())
        {
            if (name.EndsWith(".bias", StringComparison.Ordinal))
            {
                nn.init.zeros_(parameter);
            }
            else if (name.StartsWith("ln", StringComparison.Ordinal) || name.Contains(".ln_", StringComparison.Ordinal))
            {
                nn.init.ones_(parameter);
            }
            else
            {
                var std = name.EndsWith("c_proj.weight", StringComparison.Ordinal) ? 0.02 / Math.Sqrt(2.0 * Config.Layers) : 0.02;
                // nn.init.normal_ ignores its generator in TorchSharp 0.107; randn honours it.
                parameter.copy_(randn(parameter.shape, generator: generator).mul_(std));
            }
        }
    }
}
