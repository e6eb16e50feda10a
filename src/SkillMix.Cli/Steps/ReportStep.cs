using System.Text.Json.Nodes;
using SkillMix.Cli.Report;
using SkillMix.Core.Worlds;
using SkillMix.Experiments.Planning;

namespace SkillMix.Cli.Steps;

/// <summary>
/// Report: the experiment's results table (results.md, .csv, .json), the FM-against-k figure and provenance.json, from the
/// aggregated cells, the training sets' filter counts and every step's manifest.
/// </summary>
internal sealed class ReportStep : IStep
{
    public string Kind => StepKind.Report;

    public Task<JsonObject> RunAsync(StepFile step, string outputDirectory, StepContext context, CancellationToken cancellationToken)
    {
        var steps = step.Inputs.Values.ToList();
        var cells = steps.Where(s => s.Step.StartsWith(StepKind.Aggregate + ".", StringComparison.Ordinal))
            .SelectMany(s => AggregateStep.Read(s.Directory))
            .ToList();
        var trainingSets = step.Parameter("TrainingSets").AsArray().Select(set =>
        {
            var name = set!["Name"]!.GetValue<string>();
            var filter = steps.Single(s => s.Step == StepIds.Filter(name));
            var stats = JsonNode.Parse(File.ReadAllText(Path.Combine(filter.Directory, FilterStep.Stats)))!;
            return new ReportTrainingSet(name, set["K"]!.GetValue<int>(), stats["attempts"]!.GetValue<int>(), stats["kept"]!.GetValue<int>());
        }).ToList();
        var evaluations = step.Parameter("Evaluations").AsArray().Select(e => new ReportEvaluation(
            e!["Name"]!.GetValue<string>(),
            PoolNames.Parse(e["Skills"]!.GetValue<string>(), "Skills"),
            PoolNames.Parse(e["Topics"]!.GetValue<string>(), "Topics"),
            e["K"]!.AsArray().Select(k => k!.GetValue<int>()).ToList(),
            e["Combinations"]!.GetValue<int>(),
            e["Generations"]!.GetValue<int>(),
            e["Gradings"]!.GetValue<int>())).ToList();
        var provenance = steps.Select(s => Provenance(s, context)).ToList();

        var world = step.Parameter("World");
        var input = new ReportInput(
            step.Parameter<string>("Experiment"),
            world["Name"]!.GetValue<string>(),
            world["Identity"]!.GetValue<string>(),
            step.Parameter<long>("Seed"),
            ModelId(provenance, StepKind.Generate, step.Parameter<string>("Teacher")),
            ModelId(provenance, StepKind.GradeGenerations, step.Parameter<string>("Grader")),
            ModelId(provenance, StepKind.Sample, step.Parameter<string>("Student")),
            DateTimeOffset.UtcNow,
            step.Parameter<string[]>("Models"),
            evaluations,
            cells,
            trainingSets,
            provenance,
            ReportMachine.Current(),
            Agreement(step, steps));
        ReportWriter.Write(input, outputDirectory);
        if (evaluations.Count > 0)
        {
            HtmlReport.Write(HtmlReportInputs.From(input, ReportSamples.Read(steps, input.Models, [.. evaluations.Select(e => e.Name)]), outputDirectory),
                Path.Combine(outputDirectory, HtmlReport.FileName));
        }
        return Task.FromResult(new JsonObject { ["cells"] = cells.Count });
    }

    // Each second grading pairs with the first grading of the same samples: grade2.<model>.<evaluation> with grade.<model>.<evaluation>.
    private static GraderAgreement? Agreement(StepFile step, IReadOnlyList<StepInput> steps)
    {
        if (!step.Definition.Parameters.ContainsKey("SecondGrader"))
        {
            return null;
        }
        var byStep = steps.ToDictionary(s => s.Step, StringComparer.Ordinal);
        var pairs = steps
            .Where(s => s.Step.StartsWith("grade2.", StringComparison.Ordinal))
            .Select(s => (byStep["grade." + s.Step["grade2.".Length..]].Directory, s.Directory))
            .ToList();
        return pairs.Count == 0 ? null : GraderAgreement.Compute(pairs, step.Parameter<long>("Seed"));
    }

    private static ProvenanceEntry Provenance(StepInput input, StepContext context)
    {
        if (!context.Store.TryGetManifest(input.Key, out var manifest))
        {
            throw new InvalidDataException($"the store has no manifest for step {input.Step} (key {input.Key[..12]}); build the experiment again.");
        }
        var definition = manifest.Definition;
        var parameters = definition.ToJson()["parameters"]!.AsObject().DeepClone().AsObject();
        return new ProvenanceEntry(input.Step, definition.Kind, definition.Key, definition.CodeVersion, parameters,
            manifest.Metadata.DeepClone().AsObject(), Restored: false);
    }

    // The exact model id a step recorded, else the name the experiment gave.
    private static string ModelId(IReadOnlyList<ProvenanceEntry> steps, string kind, string declared) =>
        steps.Where(s => s.Kind == kind).Select(s => s.Metadata["model"]?.GetValue<string>()).FirstOrDefault(m => m is not null) ?? declared;
}
