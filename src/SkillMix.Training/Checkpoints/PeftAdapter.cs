using SkillMix.Core.Checkpoints;
using System.Text.Json;
using System.Text.Json.Nodes;
using SkillMix.Training.Training.Lora;
using static TorchSharp.torch;

namespace SkillMix.Training.Checkpoints;

/// <summary>
/// A LoRA adapter in PEFT's layout, which PEFT's <c>PeftModel.from_pretrained</c> and vLLM's LoRA loader read: a folder
/// with adapter_config.json and adapter_model.safetensors. Keys are <c>base_model.model.</c> + the module path +
/// <c>.lora_A.weight</c> or <c>.lora_B.weight</c>, without PEFT's in-memory adapter name ("default"); lora_A is
/// (rank, in), lora_B (out, rank); the base weights are not in the file.
/// </summary>
public static class PeftAdapter
{
    public const string ConfigFile = "adapter_config.json";
    public const string WeightsFile = "adapter_model.safetensors";
    public const string KeyPrefix = "base_model.model.";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Writes the model's adapters and their settings to <paramref name="folder"/> through a staging folder.</summary>
    public static void Save(nn.Module model, LoraConfig config, string folder, string baseModelNameOrPath)
    {
        var adapters = Lora.AdapterParameters(model);
        if (adapters.Count == 0)
        {
            throw new InvalidOperationException("The model carries no LoRA adapters to save; inject them (Lora.Inject) before training.");
        }
        var tensors = adapters.ToDictionary(a => KeyPrefix + a.Name, a => TensorBytes.ToSafeTensor(a.Parameter, a.Parameter.dtype), StringComparer.Ordinal);
        StagedFolder.Write(folder, staging =>
        {
            // PEFT writes {"format": "pt"} as the file's metadata, as transformers does.
            SafeTensors.Write(Path.Combine(staging, WeightsFile), tensors, new Dictionary<string, string> { ["format"] = "pt" });
            File.WriteAllText(Path.Combine(staging, ConfigFile), ConfigJson(config, baseModelNameOrPath).ToJsonString(Indented) + "\n");
        });
    }

    /// <summary>Reads adapter_config.json; settings this code does not implement are refused by name rather than ignored.</summary>
    public static LoraConfig ReadConfig(string folder)
    {
        var path = Path.Combine(folder, ConfigFile);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{folder} is not a PEFT adapter: it has no {ConfigFile}.", path);
        }
        JsonObject json;
        try
        {
            json = JsonNode.Parse(File.ReadAllText(path))?.AsObject() ?? throw new InvalidDataException($"{path} holds null, not an adapter config.");
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            throw new InvalidDataException($"{path} is not a JSON object ({e.Message}).", e);
        }
        string? Text(string key) => json[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
        bool Flag(string key) => json[key] is JsonValue v && v.TryGetValue<bool>(out var b) && b;
        bool Empty(string key) => json[key] is null || json[key] is JsonObject { Count: 0 } || json[key] is JsonArray { Count: 0 };

        InvalidDataException Refuse(string why) => new($"{path}: {why}; this adapter cannot be loaded here.");
        if (Text("peft_type") != "LORA")
        {
            throw Refuse($"peft_type is {json["peft_type"]?.ToJsonString() ?? "missing"}, only \"LORA\" is supported");
        }
        foreach (var flag in new[] { "use_dora", "use_rslora", "fan_in_fan_out" })
        {
            if (Flag(flag))
            {
                throw Refuse($"{flag} is true, which is not implemented");
            }
        }
        if (Text("bias") is { } bias && bias != "none")
        {
            throw Refuse($"bias is \"{bias}\"; only \"none\" (biases not trained) is implemented");
        }
        foreach (var key in new[] { "rank_pattern", "alpha_pattern", "layers_to_transform", "modules_to_save", "layers_pattern" })
        {
            if (!Empty(key))
            {
                throw Refuse($"{key} is set, which is not implemented");
            }
        }
        if (json["target_modules"] is not JsonArray targets)
        {
            throw Refuse("target_modules is not a list of module names (a regular expression is not supported)");
        }
        try
        {
            return new LoraConfig
            {
                Rank = json["r"]!.GetValue<int>(),
                Alpha = json["lora_alpha"]!.GetValue<double>(),
                Dropout = json["lora_dropout"]?.GetValue<double>() ?? 0,
                TargetModules = targets.Select(t => t!.GetValue<string>()).ToArray(),
            };
        }
        catch (Exception e) when (e is NullReferenceException or InvalidOperationException or FormatException)
        {
            throw new InvalidDataException($"{path}: r, lora_alpha, lora_dropout or target_modules is missing or not a number/name ({e.Message}).", e);
        }
    }

    /// <summary>The adapter's base_model_name_or_path: the base checkpoint it was trained on (a folder or hf: reference).</summary>
    public static string BaseModel(string folder)
    {
        var path = Path.Combine(folder, ConfigFile);
        ReadConfig(folder);
        return JsonNode.Parse(File.ReadAllText(path))?["base_model_name_or_path"] is JsonValue v && v.TryGetValue<string>(out var name) && name.Length > 0
            ? name
            : throw new CheckpointException(CheckpointException.NotFound,
                $"{path} names no base_model_name_or_path; give the base checkpoint explicitly together with the adapter.");
    }

    /// <summary>Injects the adapter described by the folder into <paramref name="model"/> and loads its weights, strictly.</summary>
    public static LoraConfig Attach(nn.Module model, string folder)
    {
        var config = ReadConfig(folder);
        Lora.Inject(model, config, seed: 0);
        Load(model, folder);
        return config;
    }

    /// <summary>Loads adapter weights into a model that already carries adapters of the same shape; every key must match.</summary>
    public static void Load(nn.Module model, string folder)
    {
        var path = Path.Combine(folder, WeightsFile);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{folder} is not a PEFT adapter: it has no {WeightsFile}.", path);
        }
        var (tensors, _) = SafeTensors.Read(path);
        var expected = Lora.AdapterParameters(model).ToDictionary(a => KeyPrefix + a.Name, a => a.Parameter, StringComparer.Ordinal);
        var unknown = tensors.Keys.Except(expected.Keys).Order(StringComparer.Ordinal).ToArray();
        var missing = expected.Keys.Except(tensors.Keys).Order(StringComparer.Ordinal).ToArray();
        if (unknown.Length > 0 || missing.Length > 0)
        {
            throw new InvalidDataException(
                $"{path} does not fit the model's adapters: "
                + (unknown.Length > 0 ? $"unknown keys {string.Join(", ", unknown.Take(5))}{More(unknown)}" : "")
                + (unknown.Length > 0 && missing.Length > 0 ? "; " : "")
                + (missing.Length > 0 ? $"missing keys {string.Join(", ", missing.Take(5))}{More(missing)}" : "")
                + ". Check that the adapter was trained on this base model with these target_modules.");
        }
        foreach (var (key, parameter) in expected)
        {
            TensorBytes.CopyInto(parameter, tensors[key], key, path);
        }
    }

    private static string More(string[] names) => names.Length > 5 ? $" and {names.Length - 5} more" : "";

    // PEFT's LoraConfig fields, sorted as PEFT writes them; the values not set here are PEFT's defaults for plain LoRA.
    private static JsonObject ConfigJson(LoraConfig config, string baseModelNameOrPath) => new()
    {
        ["alpha_pattern"] = new JsonObject(),
        ["auto_mapping"] = null,
        ["base_model_name_or_path"] = baseModelNameOrPath,
        ["bias"] = "none",
        ["fan_in_fan_out"] = false,
        ["inference_mode"] = true,
        ["init_lora_weights"] = true,
        ["layers_pattern"] = null,
        ["layers_to_transform"] = null,
        ["lora_alpha"] = config.Alpha,
        ["lora_dropout"] = config.Dropout,
        ["modules_to_save"] = null,
        ["peft_type"] = "LORA",
        ["r"] = config.Rank,
        ["rank_pattern"] = new JsonObject(),
        ["revision"] = null,
        ["target_modules"] = new JsonArray(config.TargetModules.Order(StringComparer.Ordinal).Select(t => (JsonNode)t).ToArray()),
        ["task_type"] = "CAUSAL_LM",
        ["use_dora"] = false,
        ["use_rslora"] = false,
    };
}
