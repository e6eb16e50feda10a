using System.Text.Json.Nodes;
using SkillMix.Core.Grading;
using SkillMix.Core.Prompts;
using SkillMix.Core.Worlds;
using SkillMix.Experiments.Spec;

namespace SkillMix.Experiments.Planning;

/// <summary>
/// Turns a validated experiment into its steps. Each step's parameters are exactly what its code reads, so that a change
/// re-runs only the steps that read it: Combinations reaches sampling, grading, aggregation and the report, never
/// generation or training.
/// </summary>
public static class ExperimentPlanner
{
    public const string BaseModel = "base";

    public static IReadOnlyList<PlannedStep> Plan(ExperimentSpec spec, World world)
    {
        var steps = new List<PlannedStep>();
        var worldParameter = WorldParameter(spec.World, world);

        foreach (var set in spec.TrainingSets)
        {
            steps.Add(Step(StepIds.Generate(set.Name), StepKind.Generate, new()
            {
                ["World"] = worldParameter.DeepClone(),
                ["Teacher"] = spec.Teacher,
                ["K"] = set.K,
                ["Skills"] = set.Skills.ToName(),
                ["Topics"] = set.Topics.ToName(),
                ["Attempts"] = set.Attempts,
                ["Seed"] = spec.Seed,
                ["Template"] = GenerationPrompt.TemplateVersion,
            }));
            steps.Add(Step(StepIds.GradeGenerations(set.Name), StepKind.GradeGenerations, new()
            {
                ["World"] = worldParameter.DeepClone(),
                ["Grader"] = spec.Grader,
                ["Gradings"] = spec.FilterGradings,
                ["Template"] = GradingPrompt.TemplateVersion,
            }, ("generations", StepIds.Generate(set.Name))));
            steps.Add(Step(StepIds.Filter(set.Name), StepKind.Filter, new(),
                ("graded", StepIds.GradeGenerations(set.Name)), ("generations", StepIds.Generate(set.Name))));
        }

        steps.Add(Step(StepIds.Pretrain, StepKind.Pretrain, new()
        {
            ["World"] = worldParameter.DeepClone(),
            ["Student"] = spec.Student.Backend,
            ["StudentPreset"] = spec.Student.Preset,
            ["StudentTokenizer"] = spec.Student.Tokenizer,
            ["Steps"] = spec.Student.PretrainSteps,
            ["ChatSteps"] = spec.Student.ChatSteps,
            ["PlainSentences"] = spec.Student.PlainSentences,
            ["StudentBatchSize"] = spec.Student.BatchSize,
            ["StudentLearningRate"] = spec.Student.LearningRate,
            ["PretrainMix"] = spec.Student.PretrainMix,
            ["Seed"] = spec.Seed,
        }));

        foreach (var fineTune in spec.FineTunes)
        {
            var inputs = new List<(string, string)> { ("base", StepIds.Pretrain) };
            inputs.AddRange(fineTune.Data.Select((set, i) => ($"data{i}:{set}", StepIds.Filter(set))));
            steps.Add(Step(StepIds.Train(fineTune.Name), StepKind.Train, new()
            {
                ["Steps"] = spec.Student.FineTuneSteps,
                ["StudentBatchSize"] = spec.Student.BatchSize,
                ["LearningRate"] = spec.Student.FineTuneLearningRate,
                ["PretrainMix"] = spec.Student.PretrainMix,
                ["MaxExamples"] = fineTune.MaxExamples,
                ["Seed"] = spec.Seed,
            }, [.. inputs]));
        }

        var models = new List<(string Name, string Step)> { (BaseModel, StepIds.Pretrain) };
        models.AddRange(spec.FineTunes.Select(f => (f.Name, StepIds.Train(f.Name))));
        foreach (var (model, modelStep) in models)
        {
            foreach (var evaluation in spec.Evaluations)
            {
                var sample = StepIds.Sample(model, evaluation.Name);
                steps.Add(Step(sample, StepKind.Sample, new()
                {
                    ["World"] = worldParameter.DeepClone(),
                    ["Setting"] = evaluation.Name,
                    ["Student"] = spec.Student.Backend,
                    ["K"] = new JsonArray([.. evaluation.Ks.Select(k => (JsonNode)k)]),
                    ["Skills"] = evaluation.Skills.ToName(),
                    ["Topics"] = evaluation.Topics.ToName(),
                    ["Combinations"] = evaluation.Combinations,
                    ["Generations"] = evaluation.Generations,
                    ["Temperature"] = spec.Student.Temperature,
                    ["MaxNewTokens"] = spec.Student.MaxNewTokens,
                    ["Seed"] = spec.Seed,
                    ["Template"] = GenerationPrompt.TemplateVersion,
                }, ("model", modelStep)));
                var grade = StepIds.GradeSamples(model, evaluation.Name);
                steps.Add(Step(grade, StepKind.GradeSamples, new()
                {
                    ["World"] = worldParameter.DeepClone(),
                    ["Grader"] = spec.Grader,
                    ["Gradings"] = evaluation.Gradings,
                    ["Template"] = GradingPrompt.TemplateVersion,
                }, ("samples", sample)));
                if (spec.SecondGrader is { } second)
                {
                    // The same samples graded again by another grader: its own step, so adding it never samples again.
                    steps.Add(Step(StepIds.SecondGradeSamples(model, evaluation.Name), StepKind.GradeSamples, new()
                    {
                        ["World"] = worldParameter.DeepClone(),
                        ["Grader"] = second,
                        ["Gradings"] = evaluation.Gradings,
                        ["Template"] = GradingPrompt.TemplateVersion,
                    }, ("samples", sample)));
                }
                var aggregate = StepIds.Aggregate(model, evaluation.Name);
                steps.Add(Step(aggregate, StepKind.Aggregate, new()
                {
                    ["Model"] = model,
                    ["Setting"] = evaluation.Name,
                    ["NameFilter"] = evaluation.NameFilter,
                }, ("graded", grade)));
            }
        }

        // The report reads every step's manifest for provenance, so every step is its input.
        var report = new Dictionary<string, JsonNode?>
        {
            ["Experiment"] = spec.Name,
            ["World"] = worldParameter.DeepClone(),
            ["Seed"] = spec.Seed,
            ["Teacher"] = spec.Teacher,
            ["Grader"] = spec.Grader,
            ["Student"] = spec.Student.Backend,
            ["Models"] = new JsonArray([.. models.Select(m => (JsonNode)m.Name)]),
            ["TrainingSets"] = new JsonArray([.. spec.TrainingSets.Select(s => (JsonNode)new JsonObject
            {
                ["Name"] = s.Name,
                ["K"] = s.K,
                ["Attempts"] = s.Attempts,
            })]),
            ["Evaluations"] = new JsonArray([.. spec.Evaluations.Select(e => (JsonNode)new JsonObject
            {
                ["Name"] = e.Name,
                ["Skills"] = e.Skills.ToName(),
                ["Topics"] = e.Topics.ToName(),
                ["K"] = new JsonArray([.. e.Ks.Select(k => (JsonNode)k)]),
                ["Combinations"] = e.Combinations,
                ["Generations"] = e.Generations,
                ["Gradings"] = e.Gradings,
            })]),
        };
        if (spec.SecondGrader is { } secondGrader)
        {
            // Only when there is one, so that experiments without a second grader keep their report's key.
            report["SecondGrader"] = secondGrader;
        }
        steps.Add(Step(StepIds.Report, StepKind.Report, report, [.. steps.Select(s => (s.Id, s.Id))]));
        return steps;
    }

    // The world's identity hashes its skills, topics and split, so paths (which differ between clones) stay out of keys.
    private static JsonObject WorldParameter(WorldSpec spec, World world) => new()
    {
        ["Name"] = spec.Name,
        ["Identity"] = world.Identity,
    };

    /// <summary>What a step needs to find things on this machine but must not enter its key: the world's files.</summary>
    public static JsonObject Context(ExperimentSpec spec) => new()
    {
        ["projectFile"] = spec.ProjectFile,
        ["device"] = spec.Student.Device,
        ["budgetUsd"] = spec.Cost.BudgetUsd,
        ["priceFile"] = spec.Cost.PriceFile,
        ["world"] = new JsonObject
        {
            ["name"] = spec.World.Name,
            ["skillsFile"] = spec.World.SkillsFile,
            ["topicsFile"] = spec.World.TopicsFile,
            ["trainCategories"] = new JsonArray([.. spec.World.TrainCategories.Select(c => (JsonNode)c)]),
            ["topicSplitSeed"] = spec.World.TopicSplitSeed,
            ["skillCount"] = spec.World.SkillCount,
            ["topicCount"] = spec.World.TopicCount,
        },
    };

    private static PlannedStep Step(string id, string kind, Dictionary<string, JsonNode?> parameters,
        params (string Name, string Step)[] inputs) =>
        new(id, kind, parameters, inputs.ToDictionary(i => i.Name, i => i.Step, StringComparer.Ordinal));
}
