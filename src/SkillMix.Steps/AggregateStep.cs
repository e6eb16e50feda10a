using System.Text.Json;
using System.Text.Json.Nodes;
using SkillMix.Core.Metrics;
using SkillMix.Core.Records;
using SkillMix.Experiments.Parameters;
using SkillMix.Experiments.Planning;

namespace SkillMix.Steps;

/// <summary>
/// Aggregate: the metrics of one model in one evaluation setting, one cell per k (majority vote over gradings, best of the
/// generations, mean over combinations with standard error and bootstrap interval). Output: metrics.json.
/// </summary>
internal sealed class AggregateStep : IStep
{
    public const string Output = "metrics.json";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public string Kind => StepKind.Aggregate;

    public Task<JsonObject> RunAsync(StepFile step, string outputDirectory, StepContext context, CancellationToken cancellationToken)
    {
        var parameters = step.Parameters<AggregateParameters>();
        var loaded = GradedRecordLoader.Load(step.Input("graded").Directory);
        var cells = Aggregator.Aggregate(loaded.Evidence, new AggregateOptions(NameFilter: parameters.NameFilter))
            .Select(c => c with { Cell = c.Cell with { Model = parameters.Model, Setting = parameters.Setting } })
            .ToList();
        Core.Text.AtomicFile.WriteAllText(Path.Combine(outputDirectory, Output), JsonSerializer.Serialize(cells, Json) + "\n");
        foreach (var cell in cells)
        {
            context.Log.WriteLine($"SkillMix: {step.Id}: k = {cell.Cell.K}: FM {cell.FullMarks.Mean:0.00}, SF {cell.SkillsFraction.Mean:0.00} over {cell.Combinations} combinations.");
        }
        return Task.FromResult(new JsonObject { ["cells"] = cells.Count });
    }

    public static IReadOnlyList<CellResult> Read(string directory) =>
        JsonSerializer.Deserialize<List<CellResult>>(File.ReadAllText(Path.Combine(directory, Output)), Json)
        ?? throw new InvalidDataException($"{Path.Combine(directory, Output)} is empty.");
}
