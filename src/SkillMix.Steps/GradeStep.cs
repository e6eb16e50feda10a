using System.Text.Json.Nodes;
using SkillMix.Steps.ChatModels;
using SkillMix.Core.Conversations;
using SkillMix.Core.Records;
using SkillMix.Core.Text;
using SkillMix.Core.Worlds;
using Microsoft.Extensions.AI;
using SkillMix.Experiments.Parameters;
using SkillMix.Experiments.Planning;

namespace SkillMix.Steps;

/// <summary>
/// Grade: each generation of the input graded `Gradings` times by the grader with the rubric of Skill-Mix. Serves both the
/// training sets (input "generations") and the evaluations (input "samples"). Output: gradings.jsonl, and calls.txt when
/// the grader is an API model.
/// </summary>
internal sealed class GradeStep(string kind, string input) : IStep
{
    public const string Output = "gradings.jsonl";

    public string Kind => kind;

    public async Task<JsonObject> RunAsync(StepFile step, string outputDirectory, StepContext context, CancellationToken cancellationToken)
    {
        var parameters = step.Parameters<GradeParameters>();
        var world = StepWorld.Load(step, parameters.World);
        var generations = Records.ReadAll<GenerationRecord>(Path.Combine(step.Input(input).Directory, GenerateStep.Output));
        var repeats = parameters.Gradings;
        // A grade step has no seed: repeated gradings of a text are told apart by their repeat index.
        using var grader = ChatBackends.Create(parameters.Grader, ModelRole.Grader, world, step, new ChatOptions { Seed = 0 }, context.Log);
        var conversation = new GradeConversation(grader.Client, grader.Options);
        var progress = new ProgressLine(context.Log, step.Id, generations.Count, "texts graded");

        var graded = await ParallelWork.MapAsync(generations, grader.Concurrency, async (generation, ct) =>
        {
            var skills = generation.Skills.Select(world.World.GetSkill).ToList();
            var transcripts = await conversation.RunAsync(skills, generation.Topic, generation.Answer, repeats, ct);
            progress.Advance();
            var record = new RecordContext(generation.Setting, world.World, PoolNames.Parse(generation.SkillPool, "SkillPool"),
                PoolNames.Parse(generation.TopicPool, "TopicPool"), generation.Seed);
            return transcripts.Select(t => RecordBuilder.Grading(record, generation, t)).ToList();
        }, cancellationToken);

        var records = graded.SelectMany(g => g).ToList();
        JsonlRecords.Write(Path.Combine(outputDirectory, Output), records);
        grader.ListCalls(outputDirectory);
        progress.Finish();
        return new JsonObject
        {
            ["gradings"] = records.Count,
            ["model"] = records.FirstOrDefault()?.Grader,
            ["usage"] = grader.Usage(),
        };
    }
}
