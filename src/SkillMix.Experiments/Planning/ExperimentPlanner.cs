using System.Text.Json.Nodes;
using SkillMix.Core.Grading;
using SkillMix.Core.Prompts;
using SkillMix.Core.Worlds;
using SkillMix.Experiments.Parameters;
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
        var worldIdentity = new WorldIdentity(spec.World.Name, world.Identity);

        foreach (var set in spec.TrainingSets)
        {
            steps.Add(Step(StepIds.Generate(set.Name), StepKind.Generate, new GenerateParameters(
                worldIdentity, set.Name, spec.Teacher, set.K, set.Skills.ToName(), set.Topics.ToName(), set.Attempts, spec.Seed,
                GenerationPrompt.TemplateVersion)));
            steps.Add(Step(StepIds.GradeGenerations(set.Name), StepKind.GradeGenerations,
                new GradeParameters(worldIdentity, spec.Grader, spec.FilterGradings, GradingPrompt.TemplateVersion),
                ("generations", StepIds.Generate(set.Name))));
            steps.Add(Step(StepIds.Filter(set.Name), StepKind.Filter, new FilterParameters(),
                ("graded", StepIds.GradeGenerations(set.Name)), ("generations", StepIds.Generate(set.Name))));
        }

        var student = spec.Student;
        // An hf: student's base model is its checkpoint, identified by content: no pretrain step, and its hash in the keys
        // of the steps that read it (the folder, which may move, is in the context).
        var checkpoint = StudentCheckpoint.Identify(spec);
        var studentName = checkpoint?.Name ?? student.Backend;
        if (checkpoint is null)
        {
            steps.Add(Step(StepIds.Pretrain, StepKind.Pretrain, new PretrainParameters(
                worldIdentity, student.Backend, student.Preset, student.Tokenizer, student.PretrainSteps, student.ChatSteps,
                student.PlainSentences, student.LearningRate, StudentSpec.PretrainDecay, spec.Seed, student.Training)));
        }

        foreach (var fineTune in spec.FineTunes)
        {
            var inputs = new List<(string, string)>();
            if (checkpoint is null)
            {
                inputs.Add(("base", StepIds.Pretrain));
            }
            inputs.AddRange(fineTune.Data.Select((set, i) => ($"data{i}:{set}", StepIds.Filter(set))));
            steps.Add(Step(StepIds.Train(fineTune.Name), StepKind.Train, new TrainParameters(
                student.FineTuneSteps, student.FineTuneLearningRate, fineTune.MaxExamples, spec.Seed, student.Training, checkpoint?.Identity), [.. inputs]));
        }

        // A local student samples with TorchSharp, so its numerics enter the sample keys; an API student's do not.
        var sampleNumerics = BackendNames.IsApi(student.Backend) ? null : student.Training.SkillMixNumerics;
        var models = new List<(string Name, string? Step)> { (BaseModel, checkpoint is null ? StepIds.Pretrain : null) };
        models.AddRange(spec.FineTunes.Select(f => (f.Name, (string?)StepIds.Train(f.Name))));
        foreach (var (model, modelStep) in models)
        {
            foreach (var evaluation in spec.Evaluations)
            {
                var sample = StepIds.Sample(model, evaluation.Name);
                steps.Add(Step(sample, StepKind.Sample, new SampleParameters(
                    worldIdentity, evaluation.Name, studentName, evaluation.Ks, evaluation.Skills.ToName(), evaluation.Topics.ToName(),
                    evaluation.Combinations, evaluation.Generations, student.Temperature, student.MaxNewTokens, spec.Seed,
                    GenerationPrompt.TemplateVersion, sampleNumerics, modelStep is null ? checkpoint?.Identity : null),
                    modelStep is null ? [] : [("model", modelStep)]));
                var grade = StepIds.GradeSamples(model, evaluation.Name);
                steps.Add(Step(grade, StepKind.GradeSamples,
                    new GradeParameters(worldIdentity, spec.Grader, evaluation.Gradings, GradingPrompt.TemplateVersion), ("samples", sample)));
                if (spec.SecondGrader is { } second)
                {
                    // The same samples graded again by another grader: its own step, so adding it never samples again.
                    steps.Add(Step(StepIds.SecondGradeSamples(model, evaluation.Name), StepKind.GradeSamples,
                        new GradeParameters(worldIdentity, second, evaluation.Gradings, GradingPrompt.TemplateVersion), ("samples", sample)));
                }
                steps.Add(Step(StepIds.Aggregate(model, evaluation.Name), StepKind.Aggregate,
                    new AggregateParameters(model, evaluation.Name, evaluation.NameFilter), ("graded", grade)));
            }
        }

        // The report reads every step's manifest for provenance, so every step is its input.
        var report = new ReportParameters(spec.Name, worldIdentity, spec.Seed, spec.Teacher, spec.Grader, studentName,
            [.. models.Select(m => m.Name)],
            [.. spec.TrainingSets.Select(s => new ReportedTrainingSet(s.Name, s.K, s.Attempts))],
            [.. spec.Evaluations.Select(e => new ReportedEvaluation(e.Name, e.Skills.ToName(), e.Topics.ToName(), e.Ks,
                e.Combinations, e.Generations, e.Gradings))],
            spec.SecondGrader);
        steps.Add(Step(StepIds.Report, StepKind.Report, report, [.. steps.Select(s => (s.Id, s.Id))]));
        return steps;
    }

    /// <summary>What a step needs to find things on this machine but must not enter its key: the world's files.</summary>
    public static JsonObject Context(ExperimentSpec spec) => new()
    {
        ["projectFile"] = spec.ProjectFile,
        ["device"] = spec.Student.Device,
        ["studentCheckpoint"] = StudentCheckpoint.Identify(spec)?.ToJson(),
        ["gpuMemoryGiB"] = spec.Student.GpuMemoryGiB,
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

    private static PlannedStep Step(string id, string kind, StepParameters parameters, params (string Name, string Step)[] inputs)
    {
        if (parameters.GetType() != StepKind.Of(kind).Parameters)
        {
            throw new InvalidOperationException($"Step '{id}' of kind {kind} was planned with {parameters.GetType().Name}, not {StepKind.Of(kind).Parameters.Name}.");
        }
        return new(id, kind, parameters, inputs.ToDictionary(i => i.Name, i => i.Step, StringComparer.Ordinal));
    }
}
