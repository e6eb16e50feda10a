using System.Text.Json.Nodes;
using SkillMix.Steps.ChatModels;
using SkillMix.Core.Records;
using SkillMix.Core.Text;
using SkillMix.Core.Sampling;
using SkillMix.Core.Worlds;
using Microsoft.Extensions.AI;
using SkillMix.Experiments.Parameters;
using SkillMix.Experiments.Planning;

namespace SkillMix.Steps;

/// <summary>
/// Generate: the teacher's two-turn conversation for each of `Attempts` combinations of K skills and a topic; one
/// generation per combination. Output: generations.jsonl, and calls.txt when the teacher is an API model.
/// </summary>
internal sealed class GenerateStep : IStep
{
    public const string Output = "generations.jsonl";

    public string Kind => StepKind.Generate;

    public async Task<JsonObject> RunAsync(StepFile step, string outputDirectory, StepContext context, CancellationToken cancellationToken)
    {
        var parameters = step.Parameters<GenerateParameters>();
        var world = StepWorld.Load(step, parameters.World);
        var skills = PoolNames.Parse(parameters.Skills, "Skills");
        var topics = PoolNames.Parse(parameters.Topics, "Topics");
        var combinations = CombinationSampler.Sample(world.World, skills, topics, parameters.K, parameters.Attempts, parameters.Seed);
        using var teacher = ChatBackends.Create(parameters.Teacher, ModelRole.Teacher, world, step, new ChatOptions { Seed = parameters.Seed }, context.Log);
        var records = new RecordContext(parameters.Setting, world.World, skills, topics, parameters.Seed);
        var progress = new ProgressLine(context.Log, step.Id, combinations.Count, "texts");
        var generated = await GenerationRun.RunAsync(teacher, world, records, combinations.Select(c => (c, 1)).ToList(), progress, cancellationToken);

        JsonlRecords.Write(Path.Combine(outputDirectory, Output), generated);
        teacher.ListCalls(outputDirectory);
        progress.Finish();
        return new JsonObject { ["generations"] = generated.Count, ["model"] = generated.FirstOrDefault()?.Model, ["usage"] = teacher.Usage() };
    }
}
