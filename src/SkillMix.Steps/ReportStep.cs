using System.Text.Json.Nodes;
using SkillMix.Steps.Report;
using SkillMix.Core.Worlds;
using SkillMix.Experiments.Parameters;
using SkillMix.Experiments.Planning;

namespace SkillMix.Steps;

/// <summary>
/// Report: the experiment's results table (results.md, .csv, .json), the FM-against-k figure and provenance.json, from the
/// aggregated cells, the training sets' filter counts and every step's manifest.
/// </summary>
internal sealed class ReportStep : IStep
{
    public string Kind => StepKind.Report;

    public Task<JsonObject> RunAsync(StepFile step, string outputDirectory, StepContext context, CancellationToken cancellationToken)
    {
        var parameters = step.Parameters<ReportParameters>();
        var steps = step.Inputs.Values.ToList();
        var cells = steps.Where(s => s.Step.StartsWith(StepKind.Aggregate + ".", StringComparison.Ordinal))
            .SelectMany(s => AggregateStep.Read(s.Directory))
            .ToList();
        var trainingSets = parameters.TrainingSets.Select(set =>
        {
            var filter = steps.Single(s => s.Step == StepIds.Filter(set.Name));
            var stats = JsonNode.Parse(File.ReadAllText(Path.Combine(filter.Directory, FilterStep.Stats)))!;
            return new ReportTrainingSet(set.Name, set.K, stats["attempts"]!.GetValue<int>(), stats["kept"]!.GetValue<int>());
        }).ToList();
        var evaluations = parameters.Evaluations.Select(e => new ReportEvaluation(e.Name, PoolNames.Parse(e.Skills, "Skills"),
            PoolNames.Parse(e.Topics, "Topics"), e.K, e.Combinations, e.Generations, e.Gradings)).ToList();
        var provenance = steps.Select(s => Provenance(s, context)).ToList();

        var input = new ReportInput(
            parameters.Experiment,
            parameters.World.Name,
            parameters.World.Identity,
            parameters.Seed,
            ModelId(provenance, StepKind.Generate, parameters.Teacher),
            ModelId(provenance, StepKind.GradeGenerations, parameters.Grader),
            ModelId(provenance, StepKind.Sample, parameters.Student),
            DateTimeOffset.UtcNow,
            parameters.Models,
            evaluations,
            cells,
            trainingSets,
            provenance,
            ReportMachine.Current(),
            Agreement(parameters, steps));
        ReportWriter.Write(input, outputDirectory);
        if (evaluations.Count > 0)
        {
            HtmlReport.Write(HtmlReportInputs.From(input, ReportSamples.Read(steps, input.Models, [.. evaluations.Select(e => e.Name)]), outputDirectory),
                Path.Combine(outputDirectory, HtmlReport.FileName));
        }
        return Task.FromResult(new JsonObject { ["cells"] = cells.Count });
    }

    // Each second grading pairs with the first grading of the same samples: grade2.<model>.<evaluation> with grade.<model>.<evaluation>.
    private static GraderAgreement? Agreement(ReportParameters parameters, IReadOnlyList<StepInput> steps)
    {
        if (parameters.SecondGrader is null)
        {
            return null;
        }
        var byStep = steps.ToDictionary(s => s.Step, StringComparer.Ordinal);
        var pairs = steps
            .Where(s => s.Step.StartsWith("grade2.", StringComparison.Ordinal))
            .Select(s => (byStep["grade." + s.Step["grade2.".Length..]].Directory, s.Directory))
            .ToList();
        return pairs.Count == 0 ? null : GraderAgreement.Compute(pairs, parameters.Seed);
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
