using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using static TorchSharp.torch;

namespace SkillMix.Training.Checkpoints;

/// <summary>
/// Writes a model as a Hugging Face folder that transformers, vLLM and this project's loader open: config.json, the weights
/// as <c>model.safetensors</c> or, when they exceed the shard size, <c>model-0000N-of-0000M.safetensors</c> with
/// <c>model.safetensors.index.json</c> ({"metadata": {"total_size": bytes}, "weight_map": {key: shard}}), and the base
/// folder's tokenizer and generation files copied. The folder appears whole or not at all (<see cref="StagedFolder"/>).
/// </summary>
public static class HfFolderWriter
{
    /// <summary>transformers' default max_shard_size, "5GB" (decimal).</summary>
    public const long DefaultShardBytes = 5_000_000_000;

    public const string IndexFile = "model.safetensors.index.json";
    public const string SingleFile = "model.safetensors";

    /// <summary>Files of a Hugging Face model folder that describe the tokenizer and generation; copied where present.</summary>
    public static readonly IReadOnlyList<string> CopiedFiles =
        ["tokenizer.model", "tokenizer.json", "tokenizer_config.json", "special_tokens_map.json", "added_tokens.json", "generation_config.json"];

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>
    /// Writes <paramref name="tensors"/> (key, tensor; keys as the model names them) in <paramref name="type"/>, with
    /// <paramref name="config"/> as config.json (its torch_dtype set to match) and the tokenizer files of
    /// <paramref name="baseFolder"/>. Returns the weight files written.
    /// </summary>
    public static IReadOnlyList<string> Write(
        string folder, IEnumerable<(string Name, Tensor Tensor)> tensors, JsonObject config, ScalarType type,
        string? baseFolder = null, long shardBytes = DefaultShardBytes)
    {
        if (shardBytes <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(shardBytes), shardBytes, "The shard size must be a positive number of bytes (transformers' default is 5 GB).");
        }
        var all = tensors.ToArray();
        var duplicate = all.GroupBy(t => t.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Tensor key '{duplicate.Key}' appears twice; a model folder holds each key once.", nameof(tensors));
        }
        var shards = Shard(all, TensorBytes.ElementSize(type), shardBytes);
        var names = shards.Count == 1
            ? [SingleFile]
            : shards.Select((_, i) => string.Create(CultureInfo.InvariantCulture, $"model-{i + 1:D5}-of-{shards.Count:D5}.safetensors")).ToArray();
        var written = config.DeepClone().AsObject();
        written["torch_dtype"] = type switch
        {
            ScalarType.BFloat16 => "bfloat16",
            ScalarType.Float16 => "float16",
            ScalarType.Float32 => "float32",
            _ => throw new ArgumentException($"A model folder is written in float32, bfloat16 or float16, not {type}.", nameof(type)),
        };
        StagedFolder.Write(folder, staging =>
        {
            long total = 0;
            var weightMap = new SortedDictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < shards.Count; i++)
            {
                total += SafeTensorsStreamWriter.Write(Path.Combine(staging, names[i]), shards[i], type, new Dictionary<string, string> { ["format"] = "pt" });
                foreach (var (name, _) in shards[i])
                {
                    weightMap[name] = names[i];
                }
            }
            if (shards.Count > 1)
            {
                var index = new JsonObject
                {
                    ["metadata"] = new JsonObject { ["total_size"] = total },
                    ["weight_map"] = new JsonObject(weightMap.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value))),
                };
                File.WriteAllText(Path.Combine(staging, IndexFile), index.ToJsonString(Indented) + "\n");
            }
            File.WriteAllText(Path.Combine(staging, "config.json"), written.ToJsonString(Indented) + "\n");
            foreach (var file in CopiedFiles)
            {
                var source = baseFolder is null ? null : Path.Combine(baseFolder, file);
                if (source is not null && File.Exists(source))
                {
                    File.Copy(source, Path.Combine(staging, file));
                }
            }
        });
        return names;
    }

    // transformers' rule: tensors in order fill a shard until the next one would pass the limit; a tensor larger than the
    // limit gets a shard of its own.
    internal static List<List<(string Name, Tensor Tensor)>> Shard(IReadOnlyList<(string Name, Tensor Tensor)> tensors, int elementSize, long shardBytes)
    {
        var shards = new List<List<(string, Tensor)>> { new() };
        long current = 0;
        foreach (var item in tensors)
        {
            var bytes = item.Tensor.numel() * elementSize;
            if (current + bytes > shardBytes && shards[^1].Count > 0)
            {
                shards.Add([]);
                current = 0;
            }
            shards[^1].Add(item);
            current += bytes;
        }
        return shards;
    }
}
