using System.Text.Json.Nodes;
using SkillMix.Core.Records;
using SkillMix.Experiments.Parameters;
using SkillMix.Experiments.Planning;
using SkillMix.Training.Text;
using SkillMix.Training.Training;

namespace SkillMix.Steps;

/// <summary>
/// Train: fine-tunes the base student on the kept texts of its training sets, as two-turn conversations with the loss on
/// the answers (P1), mixing in some of the base student's pretraining text. Output: the checkpoint.
/// </summary>
internal sealed class TrainStep : IStep
{
    public string Kind => StepKind.Train;

    public Task<JsonObject> RunAsync(StepFile step, string outputDirectory, StepContext context, CancellationToken cancellationToken)
    {
        if (HfStudentSetup.Problem(step) is { } stop)
        {
            throw stop;
        }
        var examples = step.Inputs.Where(i => i.Key.StartsWith("data", StringComparison.Ordinal))
            .OrderBy(i => i.Key, StringComparer.Ordinal)
            .SelectMany(i => Records.ReadAll<GenerationRecord>(Path.Combine(i.Value.Directory, FilterStep.Output)))
            .ToList();
        var parameters = step.Parameters<TrainParameters>();
        var limit = parameters.MaxExamples;
        if (limit > 0)
        {
            examples = examples.Take(limit).ToList();
        }
        if (examples.Count == 0)
        {
            throw new InvalidDataException($"the training sets of {step.Id} kept no texts; raise their Attempts or check the teacher and grader.");
        }
        StudentSetup.UseNumerics(parameters.Training.SkillMixNumerics, step.Id);
        var baseDirectory = step.Input("base").Directory;
        var config = StudentSetup.FineTuning(step, parameters);
        var data = new TrainingData(StudentSetup.ReadCorpus(baseDirectory), examples.Select(Conversations.Of).ToList());
        var report = StudentTraining.Train(config, data, Path.Combine(outputDirectory, StudentSetup.CheckpointFolder),
            Path.Combine(baseDirectory, StudentSetup.CheckpointFolder), context.Log);
        return Task.FromResult(StudentSetup.Describe(report, examples.Count));
    }
}
