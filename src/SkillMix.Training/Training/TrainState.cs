using System.Text.Json;
using SkillMix.Training.Checkpoints;
using SkillMix.Training.Runtime;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SkillMix.Training.Training;

/// <summary>
/// Saves and restores everything a training run needs to continue as if never stopped: the trained parameters (all of them
/// for full fine-tuning, the adapters for LoRA: whatever requires a gradient; frozen weights come from the base checkpoint
/// again), the optimizer's state (Adam's moments and step counts, each group's learning rate), the
/// <see cref="TrainProgress"/>, and libtorch's CPU random state (dropout). A folder holds one state and is replaced whole.
/// CUDA's random state is not saved: on a GPU, a resumed run with dropout draws other masks than an uninterrupted one.
/// </summary>
public static class TrainState
{
    public const string Format = "skillmix-train-state/1";
    public const string ProgressFile = "progress.json";
    public const string WeightsFile = "trained.safetensors";
    public const string OptimizerFile = "optimizer.bin";
    public const string RandomFile = "random.bin";

    private sealed record Saved(string Format, string Key, int Step, long DataPosition, IReadOnlyList<string> Parameters);

    public static void Save(string folder, nn.Module model, OptimizerHelper optimizer, TrainProgress progress)
    {
        var trained = model.named_parameters().Where(p => p.parameter.requires_grad).ToArray();
        var tensors = trained.ToDictionary(p => p.name, p => TensorBytes.ToSafeTensor(p.parameter, p.parameter.dtype), StringComparer.Ordinal);
        var random = get_rng_state();
        var randomBytes = random.bytes.ToArray();
        StagedFolder.Write(folder, staging =>
        {
            SafeTensors.Write(Path.Combine(staging, WeightsFile), tensors, new Dictionary<string, string> { ["format"] = Format });
            using (var stream = File.Create(Path.Combine(staging, OptimizerFile)))
            using (var writer = new BinaryWriter(stream))
            {
                optimizer.save_state_dict(writer);
            }
            File.WriteAllBytes(Path.Combine(staging, RandomFile), randomBytes);
            ConfigJson.Save(Path.Combine(staging, ProgressFile),
                new Saved(Format, progress.Key, progress.Step, progress.DataPosition, trained.Select(p => p.name).ToArray()));
        });
    }

    /// <summary>True when <paramref name="folder"/> holds a complete saved state (a half-written one never appears).</summary>
    public static bool Exists(string folder) => File.Exists(Path.Combine(folder, ProgressFile));

    /// <summary>
    /// Restores a saved state into a model and optimizer built as the run that saved it built them (same parameters, same
    /// groups), and returns where the run stood. A state written for another key is refused: it belongs to other settings.
    /// </summary>
    public static TrainProgress Load(string folder, nn.Module model, OptimizerHelper optimizer, string key)
    {
        var progressPath = Path.Combine(folder, ProgressFile);
        if (!File.Exists(progressPath))
        {
            throw new FileNotFoundException($"{folder} holds no saved training state ({ProgressFile} is missing).", progressPath);
        }
        var saved = ConfigJson.Load<Saved>(progressPath);
        if (saved.Format != Format)
        {
            throw new InvalidDataException($"{progressPath}: format '{saved.Format}' is not '{Format}'; delete the folder to start the run afresh.");
        }
        if (saved.Key != key)
        {
            throw new InvalidDataException(
                $"{progressPath} was saved by the step with key {saved.Key}, not {key}: its settings or inputs differ, so it cannot be resumed. "
                + "Delete the folder to start afresh.");
        }
        var weightsPath = Path.Combine(folder, WeightsFile);
        var (tensors, _) = SafeTensors.Read(weightsPath);
        var trained = model.named_parameters().Where(p => p.parameter.requires_grad).ToArray();
        var names = trained.Select(p => p.name).ToArray();
        if (!names.SequenceEqual(saved.Parameters) || !tensors.Keys.Order(StringComparer.Ordinal).SequenceEqual(names.Order(StringComparer.Ordinal)))
        {
            var missing = names.Except(tensors.Keys).ToArray();
            var unknown = tensors.Keys.Except(names).ToArray();
            throw new InvalidDataException(
                $"{weightsPath} does not fit the model's trained parameters (missing: {string.Join(", ", missing.DefaultIfEmpty("none"))}; "
                + $"unknown: {string.Join(", ", unknown.DefaultIfEmpty("none"))}; or another order). Delete the folder to start afresh.");
        }
        foreach (var (name, parameter) in trained)
        {
            TensorBytes.CopyInto(parameter, tensors[name], name, weightsPath);
        }
        var optimizerPath = Path.Combine(folder, OptimizerFile);
        try
        {
            using var stream = File.OpenRead(optimizerPath);
            using var reader = new BinaryReader(stream);
            optimizer.load_state_dict(reader);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or EndOfStreamException or IOException)
        {
            throw new InvalidDataException($"{optimizerPath} does not fit the optimizer ({e.Message}). Delete the folder to start afresh.", e);
        }
        var random = get_rng_state();
        random.bytes = File.ReadAllBytes(Path.Combine(folder, RandomFile));
        set_rng_state(random);
        return new TrainProgress(saved.Key, saved.Step, saved.DataPosition);
    }
}
