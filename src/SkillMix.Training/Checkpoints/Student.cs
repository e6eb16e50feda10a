using System.Security.Cryptography;
using System.Text.Json;
using SkillMix.Training.Model;
using SkillMix.Training.Runtime;
using SkillMix.Training.Text;
using TorchSharp;
using static TorchSharp.torch;

namespace SkillMix.Training.Checkpoints;

/// <summary>
/// A trained student: its model, tokenizer and chat template, on a device. A checkpoint is a folder with
/// model.safetensors (every parameter, F32, keyed by the model's field names) and config.json (<see cref="CheckpointConfig"/>).
/// </summary>
public sealed class Student : IDisposable
{
    public const string WeightsFile = "model.safetensors";
    public const string ConfigFile = "config.json";

    internal Student(Gpt model, Tokenizer tokenizer, ChatTemplateKind template, Device device, string id)
    {
        Model = model;
        Tokenizer = tokenizer;
        Template = template;
        Device = device;
        Id = id;
    }

    internal Gpt Model { get; }

    public Tokenizer Tokenizer { get; }

    public ChatTemplateKind Template { get; internal set; }

    public Device Device { get; }

    public GptConfig Config => Model.Config;

    /// <summary>The first 16 hex digits of the SHA-256 of the weights file: two students with one id sample alike.</summary>
    public string Id { get; private set; }

    /// <summary>Loads a checkpoint folder onto a device ("cpu", "cuda").</summary>
    public static Student Load(string folder, string device = "cpu")
    {
        var configPath = Path.Combine(folder, ConfigFile);
        var weightsPath = Path.Combine(folder, WeightsFile);
        if (!File.Exists(configPath) || !File.Exists(weightsPath))
        {
            throw new FileNotFoundException($"{folder} is not a student checkpoint: it needs {ConfigFile} and {WeightsFile}. Train one first.");
        }
        // The format first: an older layout may not even deserialize, and "retrain" is the useful message for it.
        var format = FormatOf(configPath);
        if (format != CheckpointConfig.CurrentFormat)
        {
            throw new InvalidDataException($"{configPath}: format '{format}' is not '{CheckpointConfig.CurrentFormat}'; retrain with this version.");
        }
        var config = ConfigJson.Load<CheckpointConfig>(configPath);
        var target = TorchRuntime.Resolve(device);
        var tokenizer = Tokenizer.FromPieces(config.Tokenizer, config.Vocabulary);
        if (tokenizer.VocabSize != config.Model.VocabSize)
        {
            throw new InvalidDataException($"{configPath}: model.vocabSize is {config.Model.VocabSize}, but the vocabulary has {tokenizer.VocabSize} tokens.");
        }
        var (tensors, _) = SafeTensors.Read(weightsPath);
        var model = new Gpt(config.Model, seed: 0);
        using (no_grad())
        {
            var parameters = model.named_parameters().ToDictionary(p => p.name, p => p.parameter);
            var missing = parameters.Keys.Except(tensors.Keys).Concat(tensors.Keys.Except(parameters.Keys)).ToArray();
            if (missing.Length > 0)
            {
                throw new InvalidDataException($"{weightsPath} does not match {configPath}: tensors differ in {string.Join(", ", missing)}.");
            }
            foreach (var (name, parameter) in parameters)
            {
                var stored = tensors[name];
                if (stored.DType != "F32" || !stored.Shape.SequenceEqual(parameter.shape))
                {
                    throw new InvalidDataException($"{weightsPath}: tensor '{name}' is {stored.DType} {string.Join('x', stored.Shape)}, expected F32 {string.Join('x', parameter.shape)}.");
                }
                parameter.bytes = stored.Data;
            }
        }
        model.to(target);
        model.eval();
        return new Student(model, tokenizer, config.Template, target, HashOf(weightsPath));
    }

    /// <summary>Writes the checkpoint; each file goes through a temporary file and a rename.</summary>
    public void Save(string folder)
    {
        Directory.CreateDirectory(folder);
        var tensors = new Dictionary<string, SafeTensor>(StringComparer.Ordinal);
        using (no_grad())
        {
            foreach (var (name, parameter) in Model.named_parameters())
            {
                using var cpu = parameter.detach().cpu().contiguous();
                tensors[name] = new SafeTensor("F32", cpu.shape, cpu.bytes.ToArray());
            }
        }
        var weightsPath = Path.Combine(folder, WeightsFile);
        SafeTensors.Write(weightsPath, tensors, new Dictionary<string, string> { ["format"] = CheckpointConfig.CurrentFormat });
        ConfigJson.Save(Path.Combine(folder, ConfigFile), new CheckpointConfig
        {
            Model = Config,
            Tokenizer = Tokenizer.Kind,
            Vocabulary = Tokenizer.Pieces,
            Template = Template,
        });
        Id = HashOf(weightsPath);
    }

    public void Dispose() => Model.Dispose();

    private static string? FormatOf(string configPath)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(configPath));
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("format", out var format) && format.ValueKind == JsonValueKind.String
                ? format.GetString()
                : null;
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{configPath} is not valid JSON ({e.Message}); retrain the student to write it again.", e);
        }
    }

    private static string HashOf(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream))[..16];
    }
}
