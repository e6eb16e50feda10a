using Microsoft.Build.Framework;
using SkillMix.Build.Tasks.Packaging;
using SkillMix.Experiments.Spec;
using SkillMix.Store;

namespace SkillMix.Build.Tasks;

/// <summary>
/// Imports the steps of experiment packages (SkillMixArtifact items) into the store, and their model-call records into the
/// call store, after checking every file against the package's index (<see cref="ExperimentPackageReader"/>). A package
/// altered after packing fails the build with SKMX031; a call record whose request does not hash to its key, with SKMX036.
/// </summary>
public sealed class SkillMixImportArtifacts : Microsoft.Build.Utilities.Task
{
    /// <summary>Include: the package id; metadata Version, and PackageFolder (the restored package's folder).</summary>
    [Required] public ITaskItem[] Packages { get; set; } = [];

    /// <summary>The step store; empty: $SKILLMIX_STORE, else the user cache folder.</summary>
    public string Store { get; set; } = "";

    [Required] public string WorkDirectory { get; set; } = "";

    public string ProjectFile { get; set; } = "";

    public override bool Execute()
    {
        StepStore store;
        try
        {
            store = StepStore.Open(string.IsNullOrWhiteSpace(Store) ? null : Store, entry =>
                Log.LogWarning(null, ErrorCodes.CorruptStoreEntry, null, entry.ManifestPath, 0, 0, 0, 0,
                    $"The store entry {ContentHash.Short(entry.Key)} was damaged ({entry.Problem}) and is discarded; the package's copy is imported instead."));
        }
        catch (StoreException e)
        {
            Log.LogError(null, ErrorCodes.StoreUnusable, null, ProjectFile, 0, 0, 0, 0, e.Message);
            return false;
        }
        foreach (var package in Packages)
        {
            var name = $"{package.ItemSpec} {package.GetMetadata("Version")}";
            var folder = package.GetMetadata("PackageFolder");
            if (!Directory.Exists(folder))
            {
                Log.LogError(null, ErrorCodes.PackageNotRestored, null, ProjectFile, 0, 0, 0, 0,
                    $"The experiment package {name} is not restored (expected at '{folder}'). Check the SkillMixArtifact item's Version and run `dotnet restore`.");
                continue;
            }
            try
            {
                var result = ExperimentPackageReader.Import(Path.Combine(folder, "skillmix"), name, store, Path.Combine(WorkDirectory, package.ItemSpec.ToLowerInvariant()));
                foreach (var (id, key) in result.Imported)
                {
                    Log.LogMessage(MessageImportance.High, $"SkillMix: {id}: imported from package {name} (key {ContentHash.Short(key)}).");
                }
                Log.LogMessage(MessageImportance.Normal, $"SkillMix: package {name}: {result.AlreadyStored.Count} steps were already in the store.");
                ReportCalls(name, result.Calls);
            }
            catch (CallRecordException e)
            {
                Log.LogError(null, ErrorCodes.CallRecordMismatch, null, ProjectFile, 0, 0, 0, 0, e.Message);
            }
            catch (PackageIntegrityException e)
            {
                Log.LogError(null, ErrorCodes.PackageAltered, null, ProjectFile, 0, 0, 0, 0, e.Message);
            }
            catch (Exception e) when (e is StoreException or IOException or UnauthorizedAccessException)
            {
                Log.LogError(null, ErrorCodes.PackageAltered, null, ProjectFile, 0, 0, 0, 0,
                    $"Package {name} could not be imported into the step store or the call store ({CallRecordFiles.EnvironmentVariable} chooses the call store's folder): {e.Message}");
            }
        }
        return !Log.HasLoggedErrors;
    }

    private void ReportCalls(string name, CallImport calls)
    {
        if (calls.Imported.Count + calls.AlreadyStored.Count + calls.KeptLocal.Count == 0)
        {
            return;
        }
        Log.LogMessage(MessageImportance.High,
            $"SkillMix: package {name}: {calls.Imported.Count} call records imported into the call store, {calls.AlreadyStored.Count} already there.");
        if (calls.KeptLocal.Count > 0)
        {
            Log.LogWarning(null, ErrorCodes.CallRecordKeptLocal, null, ProjectFile, 0, 0, 0, 0,
                $"Package {name}: the call store already holds a different record for {calls.KeptLocal.Count} of its calls " +
                $"(first: {calls.KeptLocal[0]}); the local records were kept, so steps built from them do not change. Steps that " +
                $"replay those calls answer with the local replies; point {CallRecordFiles.EnvironmentVariable} at an empty folder and run `dotnet clean` (packages are imported again only after a clean or a new version) to use the package's.");
        }
    }
}
