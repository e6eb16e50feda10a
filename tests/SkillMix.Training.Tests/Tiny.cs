using Microsoft.Extensions.AI;
using SkillMix.Training.Model;
using SkillMix.Training.Text;
using SkillMix.Training.Training;

namespace SkillMix.Training.Tests;

/// <summary>Tiny models and data sets that train in well under a second.</summary>
internal static class Tiny
{
    public static readonly GptConfig Model = new() { BlockSize = 96, Layers = 2, Heads = 2, Embedding = 32 };

    public static readonly string[] Topics = ["knots", "bees", "sewing", "duels"];

    public static string AnswerFor(string topic) => "Answer: " + topic + " are fun.";

    public static Conversation Chat(string topic) => new(
    [
        new ConversationTurn(ChatRole.User, "topic: " + topic),
        new ConversationTurn(ChatRole.Assistant, AnswerFor(topic)),
        new ConversationTurn(ChatRole.User, "shorter"),
        new ConversationTurn(ChatRole.Assistant, topic + "!"),
    ]);

    public static TrainingData Texts() =>
        new(Topics.SelectMany(t => new[] { AnswerFor(t), t + "!", "topic: " + t + " shorter" }).ToArray(), []);

    public static TrainingData Chats() => new(Texts().Texts, Topics.Select(Chat).ToArray());

    /// <summary>The tests' training settings: small and fast; each test states what it changes.</summary>
    public static TrainingConfig Config(int steps) => new()
    {
        Model = Model,
        Steps = steps,
        BatchSize = 8,
        LearningRate = 3e-3,
        WarmupSteps = 5,
        WeightDecay = 0.1,
        Beta1 = 0.9,
        Beta2 = 0.99,
        GradientClip = 1.0,
        Seed = 10,
        PretrainMixRatio = 0.125,
        Template = ChatTemplateKind.Compact,
        ValidationFraction = 0,
        EvalEvery = 0,
        EvalBatches = 4,
        Precision = TrainingPrecision.Bf16,
        ProgressSeconds = 3600,
    };

    public static string TempFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "skillmix-training-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }
}
