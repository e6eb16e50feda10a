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
/// Sample: the student answers the two-turn Skill-Mix conversation `Generations` times for each of `Combinations`
/// combinations at each k of the evaluation (temperature and answer length as set). Output: generations.jsonl, and
/// calls.txt when the student is an API model.
/// </summary>
internal sealed class SampleStep : IStep
{
    public string Kind => StepKind.Sample;

    public async Task<JsonObject> RunAsync(StepFile step, string outputDirectory, StepContext context, CancellationToken cancellationToken)
    {
        var parameters = step.Parameters<SampleParameters>();
        var world = StepWorld.Load(step, parameters.World);
        var skills = PoolNames.Parse(parameters.Skills, "Skills");
        var topics = PoolNames.Parse(parameters.Topics, "Topics");
        var work = parameters.K
            .SelectMany(k => CombinationSampler.Sample(world.World, skills, topics, k, parameters.Combinations, parameters.Seed))
            .SelectMany(c => Enumerable.Range(1, parameters.Generations).Select(repeat => (Combination: c, Repeat: repeat)))
            .ToList();
        // The student samples as the open students do in P2: temperature and answer length, whatever its backend.
        var options = new ChatOptions
        {
            Temperature = (float)parameters.Temperature,
            MaxOutputTokens = parameters.MaxNewTokens,
            Seed = parameters.Seed,
        };
        using var student = ChatBackends.Create(parameters.Student, ModelRole.Student, world, step, options, context.Log);
        var records = new RecordContext(parameters.Setting, world.World, skills, topics, parameters.Seed);
        var progress = new ProgressLine(context.Log, step.Id, work.Count, "answers");
        var generated = await GenerationRun.RunAsync(student, world, records, work, progress, cancellationToken);

        JsonlRecords.Write(Path.Combine(outputDirectory, GenerateStep.Output), generated);
        student.ListCalls(outputDirectory);
        progress.Finish();
        return new JsonObject { ["generations"] = generated.Count, ["model"] = generated.FirstOrDefault()?.Model, ["usage"] = student.Usage() };
    }
}
