using System.Diagnostics;
using System.Text.Json.Nodes;
using SkillMix.Core;
using SkillMix.Experiments.Planning;
using SkillMix.Experiments.Spec;
using SkillMix.Store;
using SkillMix.Store.NuGet;

namespace SkillMix.Steps;

/// <summary>
/// Brings each step up to date: nothing to do if its outputs already match its key, else restored from the store, else
/// run and saved to the store. Every step says which of the three happened and why, in one line. With a remote cache, a
/// step missing from the local store is pulled from the feed (checked before use) before it is run, and a step that ran
/// is pushed when pushing is on.
/// </summary>
internal sealed class StepRunner(StepStore store, IReadOnlyList<IStep> steps, TextWriter log, RemoteCache? remote = null)
{
    public async Task<int> RunAsync(IEnumerable<string> stepFiles, CancellationToken cancellationToken)
    {
        var swept = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in stepFiles)
        {
            StepFile? step = null;
            try
            {
                step = StepFile.Load(Path.GetFullPath(path));
                if (swept.Add(Path.GetDirectoryName(step.OutputDirectory)!))
                {
                    foreach (var leftover in StagingFolders.RemoveLeftovers(Path.GetDirectoryName(step.OutputDirectory)!))
                    {
                        log.WriteLine($"SkillMix: removed {leftover}, left by a step that was stopped before it finished.");
                    }
                }
                await BringUpToDateAsync(step, ExperimentLayout.Of(path), cancellationToken);
            }
            catch (OperationCanceledException)
            {
                log.WriteLine($"SkillMix: {step?.Id ?? path}: cancelled; finished calls and steps are kept.");
                return 130;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                log.WriteLine(Describe(e, step, path));
                return 1;
            }
        }
        return 0;
    }

    private async Task BringUpToDateAsync(StepFile step, ExperimentLayout layout, CancellationToken cancellationToken)
    {
        var previous = layout.Previous(step.Id);
        var whyNot = layout.WhyNotUpToDate(step);
        if (whyNot is null)
        {
            // The manifest copy is the Output MSBuild compares: newer than the step file, the target is skipped next time.
            File.SetLastWriteTimeUtc(layout.ManifestCopy(step.Id), DateTime.UtcNow);
            log.WriteLine($"SkillMix: {step.Id}: up to date.");
            return;
        }
        if (previous?.Key == step.Key && layout.Manifest(step.Id) is not null && Directory.Exists(step.OutputDirectory))
        {
            // Same key, yet the folder does not hold what the manifest names: someone changed it. It is replaced, never used.
            log.WriteLine($"{ProjectFile(step)}: warning {ErrorCodes.OutputChanged}: {step.Id}: {whyNot}; the step is restored from the store or run again, and the changed files are not used.");
        }

        var staging = StagingFolders.For(step.OutputDirectory);
        DeleteDirectory(staging);
        var restore = store.Restore(step.Key, staging);
        var pulledFrom = "";
        if (!restore.Restored && remote is not null && await PullAsync(step, cancellationToken))
        {
            restore = store.Restore(step.Key, staging);
            pulledFrom = $", pulled from {remote.Options.Source}";
        }
        StepManifest manifest;
        if (restore.Restored)
        {
            manifest = restore.Manifest!;
            log.WriteLine($"SkillMix: {step.Id}: {RerunReason.Explain(previous, step.Definition, restore)} (key {ContentHash.Short(step.Key)}{pulledFrom}).");
        }
        else
        {
            if (restore.Outcome == RestoreOutcome.Discarded)
            {
                log.WriteLine($"{ProjectFile(step)}: warning {ErrorCodes.CorruptStoreEntry}: {step.Id}: {restore.Describe()}; running the step again.");
            }
            log.WriteLine($"SkillMix: {step.Id}: running ({RerunReason.Explain(previous, step.Definition, restore)}).");
            var implementation = steps.FirstOrDefault(s => s.Kind == step.Kind)
                ?? throw new InvalidOperationException($"This skillmix has no implementation of step kind '{step.Kind}'.");
            // What a step saves under its key must follow from the key alone: its inputs are first made the ones their keys name.
            foreach (var input in step.Inputs.Values)
            {
                EnsureInput(step, input, layout);
            }
            var clock = Stopwatch.StartNew();
            DeleteDirectory(staging);
            Directory.CreateDirectory(staging);
            var metadata = await implementation.RunAsync(step, staging, new StepContext(log, store), cancellationToken);
            metadata["wallSeconds"] = Math.Round(clock.Elapsed.TotalSeconds, 3);
            manifest = store.Save(step.Definition, staging, metadata);
            log.WriteLine($"SkillMix: {step.Id}: done in {clock.Elapsed.TotalSeconds:0.0} s, saved to the store (key {ContentHash.Short(step.Key)}).");
            if (remote is { Options.Push: true } && await remote.PushAsync(store, manifest, cancellationToken))
            {
                log.WriteLine($"SkillMix: {step.Id}: pushed to {remote.Options.Source}.");
            }
        }
        Install(staging, step.OutputDirectory, layout, step.Id, manifest);
        step.Definition.Save(layout.LastDefinition(step.Id));
    }

    /// <summary>
    /// Makes an input's folder hold exactly the outputs its key names: as built (the manifest copy has the key and every
    /// file matches), else restored from the store; a step never reads an input that is neither.
    /// </summary>
    private void EnsureInput(StepFile step, StepInput input, ExperimentLayout layout)
    {
        var built = layout.Manifest(input.Step);
        var problem = built is null || built.Key != input.Key
            ? "it was not built under this key"
            : layout.OutputProblem(input.Step, built, input.Directory);
        if (problem is null)
        {
            return;
        }
        var staging = StagingFolders.For(input.Directory);
        DeleteDirectory(staging);
        var restore = store.Restore(input.Key, staging);
        if (!restore.Restored)
        {
            DeleteDirectory(staging);
            throw new ChatModels.StepStopException(ErrorCodes.OutputChanged, step.Id,
                $"reads the outputs of step {input.Step}, which do not hold what its key names ({problem}), and the store has no copy to restore ({restore.Describe()}). " +
                $"Delete {layout.ManifestCopy(input.Step)} and {input.Directory} (or run dotnet clean) and build again: step {input.Step} then runs again.");
        }
        log.WriteLine($"{ProjectFile(step)}: warning {ErrorCodes.OutputChanged}: {step.Id}: its input {input.Step} did not hold what its key names ({problem}); restored it from the store (key {ContentHash.Short(input.Key)}) before the step read it.");
        Install(staging, input.Directory, layout, input.Step, restore.Manifest!);
    }

    // Outputs are moved into place whole, and the manifest copy written after them: its time stamp then says when the
    // folder was last known to match (ExperimentLayout.OutputProblem re-hashes only files modified since).
    private static void Install(string staging, string outputDirectory, ExperimentLayout layout, string id, StepManifest manifest)
    {
        DeleteDirectory(outputDirectory);
        Directory.Move(staging, outputDirectory);
        manifest.WriteTo(layout.ManifestCopy(id));
    }

    private async Task<bool> PullAsync(StepFile step, CancellationToken cancellationToken)
    {
        var pull = await remote!.PullAsync(store, step.Key, cancellationToken);
        if (pull.Outcome == RemotePullOutcome.Rejected)
        {
            log.WriteLine($"{ProjectFile(step)}: warning {ErrorCodes.RemoteCacheRejected}: {step.Id}: {pull.Problem} The step runs locally.");
        }
        return pull.Pulled;
    }

    internal static string Describe(Exception e, StepFile? step, string path)
    {
        var where = e is SkillMixDataException data && data.File is { Length: > 0 }
            ? (data.Line > 0 ? $"{data.File}({data.Line})" : data.File)
            : step is null ? path : ProjectFile(step);
        var what = step is null ? path : $"step {step.Id}";
        var inner = e is AggregateException { InnerExceptions.Count: 1 } aggregate ? aggregate.InnerException! : e;
        return inner switch
        {
            ChatModels.StepStopException stop => $"{where}: error {stop.Code}: {stop.Message}",
            StoreException { InnerException: IOException or UnauthorizedAccessException } store => $"{where}: error {ErrorCodes.StoreUnusable}: {what}: {store.Message}",
            IOException io when StoreFolderFailure.IsDiskFull(io) => $"{where}: error {ErrorCodes.StepFailed}: {what} failed: the disk is full ({io.Message}). " +
                "Free space on that disk (`dotnet clean` removes the experiment's obj/skillmix, `skillmix cache prune --max-size 10G` the store's least recently used entries) and build again; finished steps and calls are kept.",
            UnauthorizedAccessException denied => $"{where}: error {ErrorCodes.StepFailed}: {what} failed: {denied.Message} Make that folder writable by you and build again.",
            Models.Cost.CostException cost when step is not null && Costs.ExperimentCosts.Budget(step) is not null
                => $"{where}: error {ErrorCodes.BudgetStop}: {Costs.ExperimentCosts.BudgetStop(step, cost)}",
            _ => $"{where}: error {ErrorCodes.StepFailed}: {what} failed: {e.Message}",
        };
    }

    private static string ProjectFile(StepFile step) => step.Context["projectFile"]?.GetValue<string>() ?? step.Experiment;

    private static void DeleteDirectory(string path)
    {
        if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }
    }
}
