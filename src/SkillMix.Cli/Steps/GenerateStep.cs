using System.Text.Json.Nodes;
using SkillMix.Cli.Backends;
using SkillMix.Core.Records;
using SkillMix.Core.Sampling;
using SkillMix.Core.Worlds;
using SkillMix.Experiments.Planning;

namespace SkillMix.Cli.Steps;

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
        var world = StepWorld.Load(step);
        var setting = step.Id[(step.Id.IndexOf('.', StringComparison.Ordinal) + 1)..];
        var k = step.Parameter<int>("K");
        var skills = PoolNames.Parse(step.Parameter<string>("Skills"), "Skills");
        var topics = PoolNames.Parse(step.Parameter<string>("Topics"), "Topics");
        var seed = step.Parameter<long>("Seed");
        var combinations = CombinationSampler.Sample(world.World, skills, topics, k, step.Parameter<int>("Attempts"), seed);
        using var teacher = ChatBackends.Create(step.Parameter<string>("Teacher"), ModelRole.Teacher, world, step, context.Log);
        var records = new RecordContext(setting, world.World, skills, topics, seed);
        var progress = new StepProgress(context.Log, step.Id, combinations.Count, "texts");
        var generated = await GenerationRun.RunAsync(teacher, world, records, combinations.Select(c => (c, 1)).ToList(), progress, cancellationToken);

        JsonlRecords.Write(Path.Combine(outputDirectory, Output), generated);
        teacher.ListCalls(outputDirectory);
        progress.Finish();
        return new JsonObject { ["generations"] = generated.Count, ["model"] = generated.FirstOrDefault()?.Model, ["usage"] = teacher.Usage() };
    }
}
