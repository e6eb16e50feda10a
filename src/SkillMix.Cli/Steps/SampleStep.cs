using System.Text.Json.Nodes;
using SkillMix.Cli.Backends;
using SkillMix.Core.Records;
using SkillMix.Core.Sampling;
using SkillMix.Core.Worlds;
using SkillMix.Experiments.Planning;

namespace SkillMix.Cli.Steps;

/// <summary>
/// Sample: the student answers the two-turn Skill-Mix conversation `Generations` times for each of `Combinations`
/// combinations at each k of the evaluation (temperature and answer length as set). Output: generations.jsonl, and
/// calls.txt when the student is an API model.
/// </summary>
internal sealed class SampleStep : IStep
{
    public string Kind => StepKind.Sample;

    public async Task<JsonObject> RunAsync(StepFile step, string outputDirectory, StepContext context, CancellationToken cancellationToken)
    {
        var world = StepWorld.Load(step);
        var setting = step.Parameter<string>("Setting");
        var skills = PoolNames.Parse(step.Parameter<string>("Skills"), "Skills");
        var topics = PoolNames.Parse(step.Parameter<string>("Topics"), "Topics");
        var seed = step.Parameter<long>("Seed");
        var generations = step.Parameter<int>("Generations");
        var work = step.Parameter<int[]>("K")
            .SelectMany(k => CombinationSampler.Sample(world.World, skills, topics, k, step.Parameter<int>("Combinations"), seed))
            .SelectMany(c => Enumerable.Range(1, generations).Select(repeat => (Combination: c, Repeat: repeat)))
            .ToList();
        using var student = ChatBackends.Create(step.Parameter<string>("Student"), ModelRole.Student, world, step, context.Log);
        var records = new RecordContext(setting, world.World, skills, topics, seed);
        var progress = new StepProgress(context.Log, step.Id, work.Count, "answers");
        var generated = await GenerationRun.RunAsync(student, world, records, work, progress, cancellationToken);

        JsonlRecords.Write(Path.Combine(outputDirectory, GenerateStep.Output), generated);
        student.ListCalls(outputDirectory);
        progress.Finish();
        return new JsonObject { ["generations"] = generated.Count, ["model"] = generated.FirstOrDefault()?.Model, ["usage"] = student.Usage() };
    }
}
