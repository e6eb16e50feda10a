using System.Globalization;
using SkillMix.Steps.Report;
using SkillMix.Steps;
using SkillMix.Experiments.Planning;
using SkillMix.Experiments.Spec;
using SkillMix.Store;

namespace SkillMix.Steps.Verify;

/// <summary>
/// Verify mode: model calls replay only, a sample of steps is recomputed even though it is stored and its outputs compared
/// with the ones the build used, and the results are compared with the committed ones. Every difference is one error
/// line that names the step and file, or the cell, with expected and got.
/// </summary>
internal sealed class StepVerifier(StepStore store, IReadOnlyList<IStep> steps, TextWriter log)
{
    public async Task<int> RunAsync(VerifyRequest request, CancellationToken cancellationToken)
    {
        // No model is called while verifying: a call not recorded is a failure, not a fresh (and paid) answer.
        Environment.SetEnvironmentVariable("SKILLMIX_CALL_MODE", "replay");
        var errors = 0;
        var layout = new ExperimentLayout(request.StepsDirectory);
        var ids = layout.StepIds();
        if (ids.Count == 0)
        {
            log.WriteLine($"{request.Project}: error {ErrorCodes.VerifyOutputDiffers}: verify: no planned steps in {request.StepsDirectory}; build the experiment first.");
            return 1;
        }
        var recomputed = new List<string>();
        foreach (var id in ids)
        {
            var step = StepFile.Load(layout.StepFile(id));
            if (!request.Selection.Selects(step.Kind, step.Key))
            {
                continue;
            }
            recomputed.Add(id);
            foreach (var difference in await RecomputeAsync(step, request, cancellationToken))
            {
                errors++;
                log.WriteLine($"{request.Project}: error {ErrorCodes.VerifyOutputDiffers}: verify: step {id}: {difference}");
            }
        }
        log.WriteLine($"SkillMix: verify: recomputed {recomputed.Count} of {ids.Count} steps" +
            (recomputed.Count > 0 ? $" ({string.Join(", ", recomputed)})." : "."));

        if (request.ExpectedResults is { } expected)
        {
            errors += CompareMetrics(expected, request);
        }
        log.WriteLine(errors == 0 ? "SkillMix: verify: passed." : $"SkillMix: verify: failed with {errors} differences.");
        return errors == 0 ? 0 : 1;
    }

    private async Task<IReadOnlyList<string>> RecomputeAsync(StepFile step, VerifyRequest request, CancellationToken cancellationToken)
    {
        var manifestPath = new ExperimentLayout(request.StepsDirectory).ManifestCopy(step.Id);
        if (!File.Exists(manifestPath) || !Directory.Exists(step.OutputDirectory))
        {
            return [$"it has not been built ({manifestPath} is missing); build the experiment before verifying it."];
        }
        StepManifest used;
        try
        {
            used = StepManifest.Parse(File.ReadAllText(manifestPath), manifestPath);
        }
        catch (StoreException e)
        {
            return [$"its manifest cannot be read ({e.Message}); run `dotnet clean` and build again, which restores the step from the store."];
        }
        if (used.Key != step.Key)
        {
            return [$"its outputs were built for key {ContentHash.Short(used.Key)}, not the planned {ContentHash.Short(step.Key)}; build again first."];
        }
        var implementation = steps.First(s => s.Kind == step.Kind);
        var folder = Path.Combine(Path.GetDirectoryName(request.StepsDirectory.TrimEnd('/', '\\'))!, "verify", step.Id);
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
        Directory.CreateDirectory(folder);
        try
        {
            log.WriteLine($"SkillMix: verify: {step.Id}: recomputing (key {ContentHash.Short(step.Key)}).");
            await implementation.RunAsync(step, folder, new StepContext(log, store), cancellationToken);
            if (step.Kind != StepKind.Report)
            {
                // Entries saved before steps listed their calls have no call list; its absence is not a difference.
                var listed = used.Files.Any(f => f.Path == CallRecordFiles.ListFileName);
                return OutputComparison.Compare(used, step.OutputDirectory, folder, path => !listed && path == CallRecordFiles.ListFileName);
            }
            // The report states when it was made, so its files differ by that line on every run: compare its cells.
            return MetricComparison.Compare(
                ResultsJson.ReadCells(Path.Combine(step.OutputDirectory, "results.json")),
                ResultsJson.ReadCells(Path.Combine(folder, "results.json")), tolerance: 0);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private int CompareMetrics(string expected, VerifyRequest request)
    {
        if (!File.Exists(expected))
        {
            log.WriteLine($"{request.Project}: error {ErrorCodes.VerifyMetricDiffers}: verify: the expected results {expected} do not exist; " +
                "set SkillMixExpectedResults to a committed results.json.");
            return 1;
        }
        if (request.ActualResults is null || !File.Exists(request.ActualResults))
        {
            log.WriteLine($"{request.Project}: error {ErrorCodes.VerifyMetricDiffers}: verify: the build's results {request.ActualResults} do not exist; build the experiment first.");
            return 1;
        }
        var differences = MetricComparison.Compare(ResultsJson.ReadCells(expected), ResultsJson.ReadCells(request.ActualResults), request.Tolerance);
        foreach (var difference in differences)
        {
            log.WriteLine($"{expected}: error {ErrorCodes.VerifyMetricDiffers}: verify: {difference}");
        }
        if (differences.Count == 0)
        {
            log.WriteLine($"SkillMix: verify: every cell of {request.ActualResults} matches {expected} within {request.Tolerance.ToString(CultureInfo.InvariantCulture)}.");
        }
        return differences.Count;
    }
}
