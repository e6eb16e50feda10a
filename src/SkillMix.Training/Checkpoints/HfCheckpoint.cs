using SkillMix.Core.Checkpoints;
using System.Text.Json;
using SkillMix.Training.Model;
using static TorchSharp.torch;

namespace SkillMix.Training.Checkpoints;

/// <summary>
/// A Hugging Face checkpoint folder of a LLaMA-family model: config.json, the weights (model.safetensors, or shards
/// listed by model.safetensors.index.json), and where present generation_config.json and tokenizer.model. Opening reads
/// only headers; <see cref="LoadModel"/> streams the weights into a model, tensor by tensor.
/// </summary>
public sealed class HfCheckpoint
{
    public const string ConfigFile = "config.json";
    public const string WeightsFile = "model.safetensors";
    public const string IndexFile = "model.safetensors.index.json";
    public const string GenerationFile = "generation_config.json";
    public const string TokenizerFile = "tokenizer.model";

    private readonly Dictionary<string, SafeTensorsHeader> _tensorFiles;

    private HfCheckpoint(string folder, LlamaConfig config, Dictionary<string, SafeTensorsHeader> tensorFiles, GenerationDefaults generation)
    {
        Folder = folder;
        Config = config;
        _tensorFiles = tensorFiles;
        Generation = generation;
    }

    public string Folder { get; }

    public LlamaConfig Config { get; }

    /// <summary>generation_config.json's sampling defaults (empty when the file is absent).</summary>
    public GenerationDefaults Generation { get; }

    /// <summary>tokenizer.model beside the weights, or null.</summary>
    public string? TokenizerPath => File.Exists(Path.Combine(Folder, TokenizerFile)) ? Path.Combine(Folder, TokenizerFile) : null;

    /// <summary>Bytes of all weights as stored.</summary>
    public long StoredBytes => _tensorFiles.Sum(t => t.Value.Entries[t.Key].Length);

    /// <summary>The weight files, sorted.</summary>
    public IReadOnlyList<string> WeightFiles => _tensorFiles.Values.Select(h => h.Path).Distinct().Order(StringComparer.Ordinal).ToArray();

    /// <summary>Opens a folder: reads config.json (strictly), the index and each file's header; no weights yet.</summary>
    public static HfCheckpoint Open(string folder)
    {
        folder = Path.GetFullPath(folder);
        var configPath = Path.Combine(folder, ConfigFile);
        if (!Directory.Exists(folder))
        {
            throw new CheckpointException(CheckpointException.NotFound, $"{folder} does not exist. {HfReference.HowToGet}");
        }
        if (!File.Exists(configPath))
        {
            throw new CheckpointException(CheckpointException.NotFound, $"{folder} has no {ConfigFile}, so it is not a Hugging Face checkpoint folder. {HfReference.HowToGet}");
        }
        var config = LlamaConfig.Load(configPath);
        var tensorFiles = new Dictionary<string, SafeTensorsHeader>(StringComparer.Ordinal);
        var indexPath = Path.Combine(folder, IndexFile);
        if (File.Exists(indexPath))
        {
            var headers = new Dictionary<string, SafeTensorsHeader>(StringComparer.Ordinal);
            foreach (var (name, file) in ReadIndex(indexPath))
            {
                var shard = Path.Combine(folder, file);
                if (!headers.TryGetValue(file, out var header))
                {
                    if (!File.Exists(shard))
                    {
                        throw new CheckpointException(CheckpointException.Damaged,
                            $"{indexPath} places '{name}' in {file}, which is not in {folder}. Download the missing shard again.");
                    }
                    headers[file] = header = SafeTensorsHeader.Read(shard);
                }
                if (!header.Entries.ContainsKey(name))
                {
                    throw new CheckpointException(CheckpointException.Damaged, $"{indexPath} places '{name}' in {file}, but that file does not hold it. Download the checkpoint again.");
                }
                tensorFiles[name] = header;
            }
        }
        else if (File.Exists(Path.Combine(folder, WeightsFile)))
        {
            var header = SafeTensorsHeader.Read(Path.Combine(folder, WeightsFile));
            foreach (var name in header.Entries.Keys)
            {
                tensorFiles[name] = header;
            }
        }
        else
        {
            throw new CheckpointException(CheckpointException.NotFound,
                $"{folder} has neither {WeightsFile} nor {IndexFile}. Only safetensors weights are read (not pytorch_model.bin); {HfReference.HowToGet}");
        }
        var generationPath = Path.Combine(folder, GenerationFile);
        var generation = File.Exists(generationPath) ? GenerationDefaults.Load(generationPath) : new GenerationDefaults();
        return new HfCheckpoint(folder, config, tensorFiles, generation);
    }

    /// <summary>
    /// Builds the model on a device in a dtype and streams every weight into it. Loading is strict: a tensor the model
    /// lacks, a parameter the files lack, or a shape that differs from config.json is an error naming it.
    /// </summary>
    internal Llama LoadModel(Device device, ScalarType dtype)
    {
        var model = new Llama(Config, device, dtype);
        try
        {
            var parameters = model.named_parameters().ToDictionary(p => p.name, p => p.parameter, StringComparer.Ordinal);
            // Older exports persist the rotary frequencies; they follow from rope_theta, so they are not weights.
            var stored = _tensorFiles.Keys.Where(n => !n.EndsWith("rotary_emb.inv_freq", StringComparison.Ordinal)).ToHashSet(StringComparer.Ordinal);
            if (parameters.Keys.FirstOrDefault(n => !stored.Contains(n)) is { } missing)
            {
                throw new CheckpointException(CheckpointException.Damaged,
                    $"{Folder}: the weights lack '{missing}', which config.json's {Config.ModelType} model needs{(missing == "lm_head.weight" ? " (config.json says tie_word_embeddings is false)" : "")}. Download the checkpoint again or correct config.json.");
            }
            if (stored.FirstOrDefault(n => !parameters.ContainsKey(n)) is { } extra)
            {
                throw new CheckpointException(CheckpointException.Damaged,
                    $"{_tensorFiles[extra].Path}: tensor '{extra}' is not a parameter of config.json's {Config.ModelType} model{(extra == "lm_head.weight" ? " (config.json says tie_word_embeddings is true)" : "")}. Correct config.json or use the matching weights.");
            }
            using var _ = no_grad();
            foreach (var group in parameters.GroupBy(p => _tensorFiles[p.Key].Path))
            {
                using var stream = new FileStream(group.Key, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
                foreach (var (name, parameter) in group)
                {
                    _tensorFiles[name].CopyInto(stream, name, parameter);
                }
            }
            model.eval();
            return model;
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The checkpoint's identity for step keys: a SHA-256 over the names and contents of config.json,
    /// generation_config.json, tokenizer.model and every weight file, not over the folder's path. Files in a Hugging
    /// Face cache are links to blobs named by their own SHA-256, which is used as is instead of reading gigabytes again.
    /// </summary>
    public string ContentHash() => CheckpointContent.Hash(Folder, WeightFiles);

    private static IEnumerable<(string Name, string File)> ReadIndex(string path)
    {
        List<(string, string)> map;
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            map = document.RootElement.GetProperty("weight_map").EnumerateObject().Select(p => (p.Name, p.Value.GetString()!)).ToList();
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new CheckpointException(CheckpointException.Damaged, $"{path} is not a valid index (it needs a \"weight_map\" of tensor name to file): {e.Message}");
        }
        foreach (var (name, file) in map)
        {
            if (file.Contains('/') || file.Contains('\\') || file == "..")
            {
                throw new CheckpointException(CheckpointException.Damaged, $"{path}: '{name}' points to '{file}', outside the folder.");
            }
        }
        return map;
    }
}
