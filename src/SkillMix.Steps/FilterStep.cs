using System.Text.Json.Nodes;
using SkillMix.Core.Metrics;
using SkillMix.Core.Records;
using SkillMix.Experiments.Planning;

namespace SkillMix.Steps;

/// <summary>
/// Filter: keeps the generations whose majority-voted points are all earned (full marks, with the programmatic length
/// point), as P1 keeps only full-mark texts. Output: kept.jsonl (the kept generation records) and stats.json.
/// </summary>
internal sealed class FilterStep : IStep
{
    public const string Output = "kept.jsonl";
    public const string Stats = "stats.json";

    public string Kind => StepKind.Filter;

    public Task<JsonObject> RunAsync(StepFile step, string outputDirectory, StepContext context, CancellationToken cancellationToken)
    {
        var generations = Records.ReadAll<GenerationRecord>(Path.Combine(step.Input("generations").Directory, GenerateStep.Output));
        var gradingsFile = Path.Combine(step.Input("graded").Directory, GradeStep.Output);
        var gradings = JsonlRecords.Read(gradingsFile)
            .Where(r => r.Record is GradingRecord)
            .ToLookup(r => (((GradingRecord)r.Record).Combination, ((GradingRecord)r.Record).GenerationRepeat),
                r => GradingEvidence.Of((GradingRecord)r.Record, gradingsFile, r.Line));
        var options = new AggregateOptions();
        var kept = generations.Where(g => FullMarks(g.K, gradings[(g.Combination, g.Repeat)].ToList(), options)).ToList();
        JsonlRecords.Write(Path.Combine(outputDirectory, Output), kept);
        var stats = new JsonObject
        {
            ["attempts"] = generations.Count,
            ["kept"] = kept.Count,
            ["keptFraction"] = generations.Count == 0 ? 0 : Math.Round((double)kept.Count / generations.Count, 4),
        };
        File.WriteAllText(Path.Combine(outputDirectory, Stats), stats.ToJsonString() + "\n");
        context.Log.WriteLine($"SkillMix: {step.Id}: kept {kept.Count} of {generations.Count} texts with full marks.");
        return Task.FromResult(stats);
    }

    private static bool FullMarks(int k, IReadOnlyList<GradingEvidence> gradings, AggregateOptions options) =>
        gradings.Count > 0
        && GenerationScore.Of(MajorityVote.Vote(gradings.Select(g => g.FinalPoints(options)).ToList()), k).FullMarks == 1;
}
