using System.Text.Json.Nodes;
using SkillMix.Core.Sampling;
using SkillMix.Training.Checkpoints;

namespace SkillMix.Training.Tests;

/// <summary>
/// A tiny random LLaMA-family checkpoint written by the test in the Hugging Face layout: its weights as the test drew
/// them (already rounded to the stored dtype, so a reader that casts exactly sees the same numbers), and the folder.
/// </summary>
internal sealed record RandomLlama(string Folder, Dictionary<string, (long[] Shape, float[] Values)> Weights, JsonObject Config)
{
    public int Hidden => (int)Config["hidden_size"]!;
    public int Heads => (int)Config["num_attention_heads"]!;
    public int KvHeads => (int)Config["num_key_value_heads"]!;
    public int Layers => (int)Config["num_hidden_layers"]!;
    public int Vocab => (int)Config["vocab_size"]!;
    public double Theta => (double)Config["rope_theta"]!;
    public double Eps => (double)Config["rms_norm_eps"]!;
    public bool Tied => (bool)Config["tie_word_embeddings"]!;

    /// <summary>Mistral v0.2's shape in miniature: grouped-query 4/2, rope_theta 1e6, untied head, no sliding window.</summary>
    public static JsonObject MistralConfig() => new()
    {
        ["architectures"] = new JsonArray("MistralForCausalLM"), ["model_type"] = "mistral", ["hidden_size"] = 32,
        ["intermediate_size"] = 56, ["num_hidden_layers"] = 2, ["num_attention_heads"] = 4, ["num_key_value_heads"] = 2,
        ["vocab_size"] = 48, ["max_position_embeddings"] = 64, ["rms_norm_eps"] = 1e-5, ["rope_theta"] = 1e6,
        ["hidden_act"] = "silu", ["tie_word_embeddings"] = false, ["sliding_window"] = null, ["attention_dropout"] = 0.0,
        ["bos_token_id"] = 1, ["eos_token_id"] = 2, ["torch_dtype"] = "bfloat16",
    };

    /// <summary>LLaMA's shape in miniature: multi-head attention, rope_theta 10000, tied head.</summary>
    public static JsonObject LlamaConfig() => new()
    {
        ["architectures"] = new JsonArray("LlamaForCausalLM"), ["model_type"] = "llama", ["hidden_size"] = 24,
        ["intermediate_size"] = 40, ["num_hidden_layers"] = 3, ["num_attention_heads"] = 3, ["num_key_value_heads"] = 3,
        ["vocab_size"] = 40, ["max_position_embeddings"] = 64, ["rms_norm_eps"] = 1e-6, ["rope_theta"] = 10000.0,
        ["hidden_act"] = "silu", ["tie_word_embeddings"] = true, ["rope_scaling"] = null, ["pretraining_tp"] = 1,
        ["bos_token_id"] = 1, ["eos_token_id"] = 2, ["pad_token_id"] = 0, ["torch_dtype"] = "float16",
    };

    /// <summary>Draws the weights and writes the folder: one file, or <paramref name="shards"/> files with an index.</summary>
    public static RandomLlama Write(JsonObject config, string dtype, int shards = 1, long seed = 3)
    {
        var folder = Tiny.TempFolder();
        var random = new SeededRandom((ulong)seed);
        int d = (int)config["hidden_size"]!, heads = (int)config["num_attention_heads"]!, kv = (int)config["num_key_value_heads"]!;
        int inter = (int)config["intermediate_size"]!, vocab = (int)config["vocab_size"]!, hd = d / heads;
        var shapes = new List<(string, long[])> { ("model.embed_tokens.weight", [vocab, d]), ("model.norm.weight", [d]) };
        for (var l = 0; l < (int)config["num_hidden_layers"]!; l++)
        {
            var p = $"model.layers.{l}.";
            shapes.AddRange([
                (p + "self_attn.q_proj.weight", [heads * hd, d]), (p + "self_attn.k_proj.weight", [kv * hd, d]),
                (p + "self_attn.v_proj.weight", [kv * hd, d]), (p + "self_attn.o_proj.weight", [d, heads * hd]),
                (p + "mlp.gate_proj.weight", [inter, d]), (p + "mlp.up_proj.weight", [inter, d]), (p + "mlp.down_proj.weight", [d, inter]),
                (p + "input_layernorm.weight", [d]), (p + "post_attention_layernorm.weight", [d])]);
        }
        if (!(bool)config["tie_word_embeddings"]!)
        {
            shapes.Add(("lm_head.weight", [vocab, d]));
        }
        var weights = new Dictionary<string, (long[], float[])>(StringComparer.Ordinal);
        foreach (var (name, shape) in shapes)
        {
            var count = (int)shape.Aggregate(1L, (a, b) => a * b);
            var norm = name.EndsWith("norm.weight", StringComparison.Ordinal);
            var std = name.Contains("embed", StringComparison.Ordinal) ? 1.0 : 1.5 / Math.Sqrt(shape[^1]);
            var values = Enumerable.Range(0, count).Select(_ => Round((float)(norm ? 1 + 0.3 * Normal(random) : std * Normal(random)), dtype)).ToArray();
            weights[name] = (shape, values);
        }
        File.WriteAllText(Path.Combine(folder, "config.json"), config.ToJsonString());
        var names = weights.Keys.Order(StringComparer.Ordinal).ToArray();
        if (shards == 1)
        {
            SafeTensors.Write(Path.Combine(folder, "model.safetensors"), names.ToDictionary(n => n, n => Stored(weights[n], dtype)));
        }
        else
        {
            var map = new JsonObject();
            for (var s = 0; s < shards; s++)
            {
                var file = $"model-{s + 1:D5}-of-{shards:D5}.safetensors";
                var part = names.Where((_, i) => i % shards == s).ToArray();
                SafeTensors.Write(Path.Combine(folder, file), part.ToDictionary(n => n, n => Stored(weights[n], dtype)));
                foreach (var n in part)
                {
                    map[n] = file;
                }
            }
            var index = new JsonObject { ["metadata"] = new JsonObject { ["total_size"] = 0 }, ["weight_map"] = map };
            File.WriteAllText(Path.Combine(folder, "model.safetensors.index.json"), index.ToJsonString());
        }
        return new RandomLlama(folder, weights, config);
    }

    private static double Normal(SeededRandom random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    // The value the stored dtype holds: bfloat16 rounds to nearest even on the upper 16 bits, float16 through Half.
    private static float Round(float value, string dtype) => dtype switch
    {
        "BF16" => BitConverter.Int32BitsToSingle((int)(Bf16Bits(value) << 16)),
        "F16" => (float)(Half)value,
        _ => value,
    };

    private static uint Bf16Bits(float value)
    {
        var bits = (uint)BitConverter.SingleToInt32Bits(value);
        return (bits + 0x7FFF + ((bits >> 16) & 1)) >> 16;
    }

    private static SafeTensor Stored((long[] Shape, float[] Values) w, string dtype)
    {
        var bytes = dtype switch
        {
            "BF16" => w.Values.SelectMany(v => BitConverter.GetBytes((ushort)Bf16Bits(v))).ToArray(),
            "F16" => w.Values.SelectMany(v => BitConverter.GetBytes(BitConverter.HalfToUInt16Bits((Half)v))).ToArray(),
            _ => w.Values.SelectMany(BitConverter.GetBytes).ToArray(),
        };
        return new SafeTensor(dtype, w.Shape, bytes);
    }
}
