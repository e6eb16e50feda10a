using SkillMix.Core.Checkpoints;
using System.Globalization;
using System.Text.Json;
using SkillMix.Training.Checkpoints;

namespace SkillMix.Training.Model;

/// <summary>
/// The size of a LLaMA-family decoder, read from a Hugging Face config.json (LlamaForCausalLM or MistralForCausalLM).
/// Mistral v0.2 is a LLaMA with grouped-query attention and rope_theta 1e6, so one record serves both. Reading is
/// strict: a key that would change the computation and that this model does not implement is refused by name.
/// </summary>
public sealed record LlamaConfig
{
    /// <summary>Tokens in the vocabulary (rows of model.embed_tokens.weight).</summary>
    public int VocabSize { get; init; }

    /// <summary>Width of the residual stream (hidden_size).</summary>
    public int Hidden { get; init; }

    /// <summary>Width of the SwiGLU MLP (intermediate_size).</summary>
    public int Intermediate { get; init; }

    /// <summary>Decoder layers (num_hidden_layers).</summary>
    public int Layers { get; init; }

    /// <summary>Query heads (num_attention_heads).</summary>
    public int Heads { get; init; }

    /// <summary>Key/value heads (num_key_value_heads); fewer than <see cref="Heads"/> is grouped-query attention.</summary>
    public int KvHeads { get; init; }

    /// <summary>Longest sequence the model was trained for (max_position_embeddings).</summary>
    public int ContextLength { get; init; }

    /// <summary>RMSNorm's epsilon (rms_norm_eps).</summary>
    public double NormEps { get; init; } = 1e-6;

    /// <summary>Base of the rotary frequencies (rope_theta): 10000 for LLaMA-2, 1e6 for Mistral v0.2.</summary>
    public double RopeTheta { get; init; } = 10000;

    /// <summary>Whether the output head reuses the token embedding (tie_word_embeddings).</summary>
    public bool TiedEmbeddings { get; init; }

    /// <summary>Beginning-of-sequence id (bos_token_id).</summary>
    public int BosId { get; init; } = 1;

    /// <summary>End-of-sequence ids (eos_token_id, a number or a list).</summary>
    public IReadOnlyList<int> EosIds { get; init; } = [2];

    /// <summary>llama or mistral; only names the family in messages.</summary>
    public string ModelType { get; init; } = "llama";

    public int HeadDim => Hidden / Heads;

    /// <summary>Parameters, counting a tied embedding once.</summary>
    public long ParameterCount()
    {
        long d = Hidden, kv = (long)KvHeads * HeadDim;
        var perLayer = d * d * 2 + d * kv * 2 + 3 * d * Intermediate + 2 * d;
        return (long)VocabSize * d * (TiedEmbeddings ? 1 : 2) + Layers * perLayer + d;
    }

    // Keys that describe the file or the tooling and change nothing the model computes.
    private static readonly HashSet<string> Informational = new(StringComparer.Ordinal)
    {
        "_name_or_path", "transformers_version", "torch_dtype", "dtype", "use_cache", "initializer_range", "pad_token_id",
        "output_attentions", "output_hidden_states", "return_dict",
    };

    // Keys this model implements; each is read below.
    private static readonly HashSet<string> Implemented = new(StringComparer.Ordinal)
    {
        "vocab_size", "hidden_size", "intermediate_size", "num_hidden_layers", "num_attention_heads", "num_key_value_heads",
        "max_position_embeddings", "rms_norm_eps", "rope_theta", "tie_word_embeddings", "bos_token_id", "eos_token_id",
        "hidden_act", "head_dim", "rope_scaling", "sliding_window", "attention_bias", "mlp_bias", "attention_dropout",
        "pretraining_tp", "model_type", "architectures",
    };

    private static readonly Dictionary<string, string> Architectures = new(StringComparer.Ordinal)
    {
        ["llama"] = "LlamaForCausalLM",
        ["mistral"] = "MistralForCausalLM",
    };

    /// <summary>Reads config.json; every refusal names the file and the key, and says what is supported.</summary>
    public static LlamaConfig Load(string path)
    {
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            root = document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new CheckpointException(CheckpointException.Unsupported, $"{path} is not valid JSON ({e.Message}); restore the checkpoint's config.json.");
        }
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new CheckpointException(CheckpointException.Unsupported, $"{path} is not a JSON object; restore the checkpoint's config.json.");
        }
        CheckpointException Refusal(string key, string why) => new(CheckpointException.Unsupported,
            $"{path}: '{key}' {why}. This version runs LLaMA-family decoders (LlamaForCausalLM, MistralForCausalLM) with plain "
            + "rotary embeddings, full attention, SwiGLU and no biases (docs/students.md).");

        foreach (var property in root.EnumerateObject())
        {
            if (!Informational.Contains(property.Name) && !Implemented.Contains(property.Name))
            {
                throw Refusal(property.Name, "is a setting this model does not implement");
            }
        }
        var modelType = Text(root, "model_type") ?? throw Refusal("model_type", "is missing");
        if (!Architectures.TryGetValue(modelType, out var architecture))
        {
            throw Refusal("model_type", $"is '{modelType}', not llama or mistral");
        }
        if (root.TryGetProperty("architectures", out var archs)
            && (archs.ValueKind != JsonValueKind.Array || archs.GetArrayLength() != 1 || archs[0].GetString() != architecture))
        {
            throw Refusal("architectures", $"is {archs.GetRawText()}, not [\"{architecture}\"]");
        }
        var config = new LlamaConfig
        {
            ModelType = modelType,
            VocabSize = Int(root, "vocab_size") ?? throw Refusal("vocab_size", "is missing"),
            Hidden = Int(root, "hidden_size") ?? throw Refusal("hidden_size", "is missing"),
            Intermediate = Int(root, "intermediate_size") ?? throw Refusal("intermediate_size", "is missing"),
            Layers = Int(root, "num_hidden_layers") ?? throw Refusal("num_hidden_layers", "is missing"),
            Heads = Int(root, "num_attention_heads") ?? throw Refusal("num_attention_heads", "is missing"),
            ContextLength = Int(root, "max_position_embeddings") ?? 2048,
            NormEps = Number(root, "rms_norm_eps") ?? 1e-6,
            RopeTheta = Number(root, "rope_theta") ?? 10000,
            TiedEmbeddings = root.TryGetProperty("tie_word_embeddings", out var tied) && tied.ValueKind == JsonValueKind.True,
            BosId = Int(root, "bos_token_id") ?? 1,
            EosIds = EosOf(root) ?? [2],
        };
        config = config with { KvHeads = Int(root, "num_key_value_heads") ?? config.Heads };
        foreach (var (key, value) in new[] { ("vocab_size", config.VocabSize), ("hidden_size", config.Hidden), ("intermediate_size", config.Intermediate),
            ("num_hidden_layers", config.Layers), ("num_attention_heads", config.Heads), ("num_key_value_heads", config.KvHeads), ("max_position_embeddings", config.ContextLength) })
        {
            if (value <= 0)
            {
                throw Refusal(key, $"is {value}; it must be a positive whole number");
            }
        }
        if (config.Hidden % config.Heads != 0 || config.Heads % config.KvHeads != 0)
        {
            throw Refusal("num_key_value_heads", $"({config.KvHeads}) must divide num_attention_heads ({config.Heads}), which must divide hidden_size ({config.Hidden})");
        }
        if (Int(root, "head_dim") is { } headDim && headDim != config.HeadDim)
        {
            throw Refusal("head_dim", $"is {headDim}, not hidden_size / num_attention_heads = {config.HeadDim}");
        }
        if ((Text(root, "hidden_act") ?? "silu") != "silu")
        {
            throw Refusal("hidden_act", $"is '{Text(root, "hidden_act")}', not 'silu'");
        }
        if (root.TryGetProperty("rope_scaling", out var scaling) && scaling.ValueKind != JsonValueKind.Null)
        {
            throw Refusal("rope_scaling", $"is {scaling.GetRawText()}; only unscaled rotary embeddings (null) are implemented");
        }
        if (Int(root, "sliding_window") is { } window && window < config.ContextLength)
        {
            throw Refusal("sliding_window", $"is {window}, shorter than the context of {config.ContextLength}; only full attention is implemented");
        }
        foreach (var flag in new[] { "attention_bias", "mlp_bias" })
        {
            if (root.TryGetProperty(flag, out var value) && value.ValueKind == JsonValueKind.True)
            {
                throw Refusal(flag, "is true; only linear layers without biases are implemented");
            }
        }
        if (Number(root, "attention_dropout") is { } dropout && dropout != 0)
        {
            throw Refusal("attention_dropout", $"is {dropout.ToString(CultureInfo.InvariantCulture)}; only 0 is implemented");
        }
        if (Int(root, "pretraining_tp") is { } tp && tp != 1)
        {
            throw Refusal("pretraining_tp", $"is {tp}; only 1 is implemented");
        }
        return config;
    }

    private static string? Text(JsonElement root, string key) =>
        root.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    // A number that is not a whole int32 (4096.5, 1e12) reads as absent here and is refused where it is required.
    private static int? Int(JsonElement root, string key) =>
        root.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n) ? n : null;

    private static double? Number(JsonElement root, string key) =>
        root.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;

    private static int[]? EosOf(JsonElement root) => !root.TryGetProperty("eos_token_id", out var value) ? null : value.ValueKind switch
    {
        JsonValueKind.Number when value.TryGetInt32(out var id) => [id],
        JsonValueKind.Array => value.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Number).Select(e => e.GetInt32()).ToArray(),
        _ => null,
    };
}
