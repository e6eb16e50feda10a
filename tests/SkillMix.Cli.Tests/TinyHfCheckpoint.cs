using System.Buffers.Binary;
using System.Text;
using System.Text.Json.Nodes;
using SkillMix.Core.Sampling;
using SkillMix.Training.Text;

namespace SkillMix.Cli.Tests;

/// <summary>
/// A tiny random LLaMA in the Hugging Face layout, written by the test: config.json, model.safetensors (F32, seeded
/// weights), and the committed llama-bpe tokenizer fixture as tokenizer.model, the embedding as wide as its vocabulary.
/// </summary>
internal static class TinyHfCheckpoint
{
    public static string Write(string folder, long seed = 5)
    {
        Directory.CreateDirectory(folder);
        var tokenizerPath = CliRunner.Fixture("sentencepiece/llama-bpe.model");
        var tokenizer = SentencePieceTokenizer.Load(tokenizerPath);
        File.Copy(tokenizerPath, Path.Combine(folder, "tokenizer.model"), overwrite: true);
        const int hidden = 16, intermediate = 24, heads = 2;
        var vocab = tokenizer.VocabSize;
        var config = new JsonObject
        {
            ["architectures"] = new JsonArray("LlamaForCausalLM"), ["model_type"] = "llama", ["hidden_size"] = hidden,
            ["intermediate_size"] = intermediate, ["num_hidden_layers"] = 1, ["num_attention_heads"] = heads,
            ["num_key_value_heads"] = heads, ["vocab_size"] = vocab, ["max_position_embeddings"] = 8192,
            ["rms_norm_eps"] = 1e-6, ["rope_theta"] = 10000.0, ["hidden_act"] = "silu", ["tie_word_embeddings"] = true,
            ["bos_token_id"] = tokenizer.BosId, ["eos_token_id"] = tokenizer.EosId, ["torch_dtype"] = "float32",
        };
        File.WriteAllText(Path.Combine(folder, "config.json"), config.ToJsonString());
        var shapes = new (string Name, long[] Shape)[]
        {
            ("model.embed_tokens.weight", [vocab, hidden]), ("model.norm.weight", [hidden]),
            ("model.layers.0.self_attn.q_proj.weight", [hidden, hidden]), ("model.layers.0.self_attn.k_proj.weight", [hidden, hidden]),
            ("model.layers.0.self_attn.v_proj.weight", [hidden, hidden]), ("model.layers.0.self_attn.o_proj.weight", [hidden, hidden]),
            ("model.layers.0.mlp.gate_proj.weight", [intermediate, hidden]), ("model.layers.0.mlp.up_proj.weight", [intermediate, hidden]),
            ("model.layers.0.mlp.down_proj.weight", [hidden, intermediate]),
            ("model.layers.0.input_layernorm.weight", [hidden]), ("model.layers.0.post_attention_layernorm.weight", [hidden]),
        };
        var random = new SeededRandom((ulong)seed);
        var header = new JsonObject();
        using var data = new MemoryStream();
        var bytes = new byte[4];
        foreach (var (name, shape) in shapes)
        {
            var count = shape.Aggregate(1L, (a, b) => a * b);
            var begin = data.Length;
            for (var i = 0; i < count; i++)
            {
                var value = name.EndsWith("norm.weight", StringComparison.Ordinal) ? 1f : (float)((random.NextDouble() - 0.5) * 0.5);
                BinaryPrimitives.WriteSingleLittleEndian(bytes, value);
                data.Write(bytes);
            }
            header[name] = new JsonObject
            {
                ["dtype"] = "F32",
                ["shape"] = new JsonArray([.. shape.Select(s => (JsonNode)s)]),
                ["data_offsets"] = new JsonArray(begin, data.Length),
            };
        }
        var json = Encoding.UTF8.GetBytes(header.ToJsonString());
        using var file = File.Create(Path.Combine(folder, "model.safetensors"));
        Span<byte> length = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)json.Length);
        file.Write(length);
        file.Write(json);
        data.Position = 0;
        data.CopyTo(file);
        return folder;
    }
}
