using System.Text.Json.Nodes;
using SkillMix.Experiments.Planning;
using SkillMix.Training.Model;
using SkillMix.Training.Text;
using SkillMix.Training.Training;

namespace SkillMix.Cli.Steps;

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

    public static TrainingConfig Pretraining(StepFile step, int steps) => new()
    {
        Model = Preset(step.Parameter<string>("StudentPreset")),
        Tokenizer = Enum.Parse<TokenizerKind>(step.Parameter<string>("StudentTokenizer"), ignoreCase: true),
        Steps = steps,
        BatchSize = step.Parameter<int>("StudentBatchSize"),
        LearningRate = step.Parameter<double>("StudentLearningRate"),
        Seed = step.Parameter<long>("Seed"),
        Device = Device(step),
    };

    public static TrainingConfig FineTuning(StepFile step) => new()
    {
        Steps = step.Parameter<int>("Steps"),
        BatchSize = step.Parameter<int>("StudentBatchSize"),
        LearningRate = step.Parameter<double>("LearningRate"),
        Seed = step.Parameter<long>("Seed"),
        PretrainMixRatio = step.Parameter<double>("PretrainMix"),
        Device = Device(step),
    };

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
