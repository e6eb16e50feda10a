using System.Text.Json.Nodes;
using SkillMix.Core.Numerics;
using SkillMix.Experiments.Parameters;
using SkillMix.Experiments.Planning;
using SkillMix.Training.Model;
using SkillMix.Training.Runtime;
using SkillMix.Training.Text;
using SkillMix.Training.Training;

namespace SkillMix.Steps;

/// <summary>
/// The tiny student's sizes (presets) and training settings as the experiment's parameters set them, and the layout of a
/// student step's output folder: the checkpoint, and the pretraining corpus that fine-tunes mix in.
/// </summary>
internal static class StudentSetup
{
    public const string CheckpointFolder = "checkpoint";
    public const string CorpusFile = "corpus.txt";

    /// <summary>Model sizes by preset name; "tiny" is the default student, "smoke" the one tests train in seconds.</summary>
    public static GptConfig Preset(string name) => name switch
    {
        "tiny" => new GptConfig(),
        "smoke" => new GptConfig { Layers = 1, Heads = 2, Embedding = 32, BlockSize = 256 },
        _ => throw new InvalidDataException($"StudentPreset '{name}' is not known; use tiny or smoke."),
    };

    /// <summary>One stage of the base student's training: <paramref name="steps"/> steps decaying to PretrainDecay.</summary>
    public static TrainingConfig Pretraining(StepFile step, PretrainParameters parameters, int steps) =>
        Config(step, parameters.Training, steps, parameters.StudentLearningRate, parameters.Seed) with
        {
            Model = Preset(parameters.StudentPreset),
            Tokenizer = Enum.Parse<TokenizerKind>(parameters.StudentTokenizer, ignoreCase: true),
            DecayTo = parameters.PretrainDecay,
        };

    public static TrainingConfig FineTuning(StepFile step, TrainParameters parameters) =>
        Config(step, parameters.Training, parameters.FineTuneSteps, parameters.FineTuneLearningRate, parameters.Seed);

    // Every training setting comes from the step's parameters, so every one is in its key.
    private static TrainingConfig Config(StepFile step, TrainingSettings training, int steps, double learningRate, long seed) => new()
    {
        Steps = steps,
        LearningRate = learningRate,
        Seed = seed,
        BatchSize = training.StudentBatchSize,
        WarmupSteps = training.WarmupSteps,
        WeightDecay = training.WeightDecay,
        Beta1 = training.Beta1,
        Beta2 = training.Beta2,
        GradientClip = training.GradientClip,
        PretrainMixRatio = training.PretrainMix,
        EvalEvery = training.EvalEvery,
        EvalBatches = training.EvalBatches,
        ValidationFraction = training.ValidationFraction,
        Precision = Enum.Parse<TrainingPrecision>(training.Precision, ignoreCase: true),
        Template = Enum.Parse<ChatTemplateKind>(training.ChatTemplate, ignoreCase: true),
        Device = Device(step),
    };

    /// <summary>
    /// Loads libtorch in the numerics of <paramref name="keyText"/> (a SkillMixNumerics step parameter) before anything
    /// else in the process touches TorchSharp. A process that already loaded it in the other mode fails with a message
    /// that says so: libtorch reads its settings once.
    /// </summary>
    public static void UseNumerics(string? keyText, string stepId)
    {
        if (!NumericsKey.TryParseKeyText(keyText, out var mode))
        {
            throw new InvalidDataException(
                $"Step '{stepId}' asks for numerics '{keyText ?? "(none)"}', which this SkillMix does not know (it pins "
                + $"{NumericsKey.KeyText(NumericsMode.Pinned)}); build the experiment again to re-plan it.");
        }
        TorchRuntime.EnsureLoaded(mode);
    }

    public static string Device(StepFile step) => step.Context["device"]?.GetValue<string>() ?? "cpu";

    public static IReadOnlyList<string> ReadCorpus(string directory) =>
        File.ReadAllLines(Path.Combine(directory, CorpusFile)).Where(l => l.Length > 0).ToList();

    public static JsonObject Describe(TrainingReport report, int examples) => new()
    {
        ["examples"] = examples,
        ["parameters"] = report.Parameters,
        ["student"] = report.StudentId,
        ["finalLoss"] = report.Losses.Count > 0 ? Math.Round(report.Losses[^1], 4) : null,
        ["validationLoss"] = double.IsNaN(report.ValidationLoss) ? null : Math.Round(report.ValidationLoss, 4),
        ["tokensPerSecond"] = Math.Round(report.TokensPerSecond),
        ["trainSeconds"] = Math.Round(report.Elapsed.TotalSeconds, 1),
    };
}
