using System.Text.Json.Nodes;
using SkillMix.Core.Worlds;
using SkillMix.Experiments.Planning;

namespace SkillMix.Experiments.Tests;

/// <summary>
/// Every setting reaches the key of exactly the steps that read it (and, through their keys, the steps after them): a
/// change re-runs those and no others, and reverting it gives back every key, so a build after the revert runs nothing.
/// One case per class of setting; each lists the steps of the small test experiment that must change.
/// </summary>
public sealed class HyperparameterKeyTests
{
    private static readonly World World = SampleWorld.Load();

    // The steps that depend on the student: the base student and everything that reads a model.
    private static readonly string[] Student =
    [
        "pretrain", "train.D12", "sample.base.held-out", "grade.base.held-out", "aggregate.base.held-out",
        "sample.D12.held-out", "grade.D12.held-out", "aggregate.D12.held-out", "report",
    ];

    private static readonly string[] FineTune =
        ["train.D12", "sample.D12.held-out", "grade.D12.held-out", "aggregate.D12.held-out", "report"];

    private static readonly string[] Sampling =
    [
        "sample.base.held-out", "grade.base.held-out", "aggregate.base.held-out",
        "sample.D12.held-out", "grade.D12.held-out", "aggregate.D12.held-out", "report",
    ];

    private static readonly string[] Grading =
        ["grade.base.held-out", "aggregate.base.held-out", "grade.D12.held-out", "aggregate.D12.held-out", "report"];

    private static readonly string[] Aggregation = ["aggregate.base.held-out", "aggregate.D12.held-out", "report"];

    private static readonly string[] Data =
    [
        "grade.D1", "filter.D1", "grade.D2", "filter.D2", "train.D12",
        "sample.D12.held-out", "grade.D12.held-out", "aggregate.D12.held-out", "report",
    ];

    public static TheoryData<string, string, string[]> Cases() => new()
    {
        // Training settings: read by pretraining and every fine-tune.
        { "StudentBatchSize", "8", Student },
        { "WarmupSteps", "5", Student },
        { "WeightDecay", "0.05", Student },
        { "Beta1", "0.8", Student },
        { "Beta2", "0.95", Student },
        { "GradientClip", "0.5", Student },
        { "PretrainMix", "0.25", Student },
        { "EvalEvery", "10", Student },
        { "EvalBatches", "2", Student },
        { "ValidationFraction", "0.1", Student },
        { "Precision", "fp32", Student },
        { "ChatTemplate", "full", Student },
        // libtorch's numerics: read by every step that trains or samples with TorchSharp.
        { "SkillMixNumerics", "pinned", Student },
        // The base student's own budget and shape.
        { "PretrainSteps", "7", Student },
        { "ChatSteps", "9", Student },
        { "PlainSentences", "11", Student },
        { "StudentPreset", "smoke", Student },
        { "StudentTokenizer", "char", Student },
        { "StudentLearningRate", "0.002", Student },
        // Fine-tuning only.
        { "FineTuneSteps", "12", FineTune },
        { "FineTuneLearningRate", "0.0002", FineTune },
        // Sampling and evaluation.
        { "Temperature", "0.3", Sampling },
        { "MaxNewTokens", "64", Sampling },
        { "Combinations", "7", Sampling },
        { "Generations", "2", Sampling },
        { "Gradings", "2", Grading },
        { "NameFilter", "true", Aggregation },
        // The training sets' grading.
        { "FilterGradings", "2", Data },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Changing_a_setting_changes_exactly_the_keys_of_the_steps_that_read_it_and_reverting_restores_them(
        string property, string value, string[] expected)
    {
        var before = Keys(Declarations.Properties());
        var changed = Keys(Declarations.Properties((property, value)));
        var reverted = Keys(Declarations.Properties());

        Assert.Equal(expected.Order(StringComparer.Ordinal), before.Keys.Where(id => before[id] != changed[id]).Order(StringComparer.Ordinal));
        Assert.Equal(before, reverted);
    }

    [Fact]
    public void The_numerics_enter_the_parameters_of_exactly_the_training_and_local_sampling_steps()
    {
        var native = Parameters(Declarations.Properties());
        var pinned = Parameters(Declarations.Properties(("SkillMixNumerics", "pinned")));

        // Only the steps that run TorchSharp read the mode; the rest change key only through their inputs.
        Assert.Equal(["pretrain", "sample.D12.held-out", "sample.base.held-out", "train.D12"],
            native.Keys.Where(id => native[id] != pinned[id]).Order(StringComparer.Ordinal));
        Assert.Contains("\"SkillMixNumerics\":\"pinned/" + SkillMix.Core.Numerics.NumericsKey.PinVersion + "\"", pinned["train.D12"]);
        Assert.Contains("\"SkillMixNumerics\":\"native\"", native["sample.base.held-out"]);
    }

    [Fact]
    public void An_api_student_samples_without_numerics()
    {
        var api = Parameters(Declarations.Properties(("Student", "openai:gpt-4o-mini"), ("SkillMixNumerics", "pinned")));
        Assert.DoesNotContain("SkillMixNumerics", api["sample.base.held-out"]);
    }

    [Fact]
    public void The_seed_changes_every_key()
    {
        var before = Keys(Declarations.Properties());
        var after = Keys(Declarations.Properties(("Seed", "11")));
        Assert.All(before, step => Assert.NotEqual(step.Value, after[step.Key]));
    }

    [Fact]
    public void A_setting_left_at_its_default_gives_the_key_of_the_same_value_set_explicitly()
    {
        // One set of defaults: writing the default out changes nothing.
        Assert.Equal(Keys(Declarations.Properties()), Keys(Declarations.Properties(("WarmupSteps", "20"), ("PretrainMix", "0.1"), ("Precision", "bf16"))));
    }

    private static Dictionary<string, string> Keys(Dictionary<string, string> properties, List<SkillMix.Experiments.Spec.DeclaredItem>? items = null) =>
        PlanWriter.Resolve(ExperimentPlanner.Plan(Declarations.Read(properties, items ?? Declarations.Items()), World), "Tiny", new JsonObject(), "/out")
            .ToDictionary(s => s.Id, s => s.Key);

    // Each step's own parameters as compact JSON, without its inputs' keys.
    private static Dictionary<string, string> Parameters(Dictionary<string, string> properties) =>
        ExperimentPlanner.Plan(Declarations.Read(properties, Declarations.Items()), World)
            .ToDictionary(s => s.Id, s => new JsonObject(s.Parameters.ToDefinitionParameters()).ToJsonString());
}
