using Microsoft.Build.Framework;
using SkillMix.Build.Tasks.Packaging;
using SkillMix.Experiments.Planning;
using SkillMix.Experiments.Spec;
using SkillMix.Store;

namespace SkillMix.Build.Tasks;

/// <summary>
/// Stages the skillmix/ folder of `dotnet pack` on an experiment (<see cref="ExperimentPackageWriter"/>) and returns its
/// files for the package.
/// </summary>
public sealed class SkillMixPackExperiment : Microsoft.Build.Utilities.Task
{
    [Required] public string Experiment { get; set; } = "";

    [Required] public string ProjectFile { get; set; } = "";

    [Required] public string ResultsDirectory { get; set; } = "";

    [Required] public string StepsDirectory { get; set; } = "";

    [Required] public string StagingDirectory { get; set; } = "";

    /// <summary>Pack the teacher's texts, their gradings and the training sets (SkillMixPackDatasets).</summary>
    public bool Datasets { get; set; }

    /// <summary>Pack the base student's and every fine-tune's checkpoint (SkillMixPackCheckpoints).</summary>
    public bool Checkpoints { get; set; }

    /// <summary>Pack the model-call records of every step that calls a model (SkillMixPackCallRecords).</summary>
    public bool CallRecords { get; set; }

    /// <summary>Largest package entry in bytes; larger files are cut into parts.</summary>
    public long PartSize { get; set; }

    /// <summary>Every staged file; metadata PackagePath is its path in the package.</summary>
    [Output] public ITaskItem[] Files { get; set; } = [];

    public override bool Execute()
    {
        try
        {
            var packed = new HashSet<string?>([.. Datasets ? [StepKind.Dataset] : Array.Empty<string>(), .. Checkpoints ? [StepKind.Checkpoint] : Array.Empty<string>()]);
            var ids = StepIds(kind => kind.Packed is not null && packed.Contains(kind.Packed));
            // Steps of local models list no calls, so every kind that can call a model is asked.
            var calls = CallRecords ? new CallRecordSelection(CallRecordFiles.DefaultRoot(), StepIds(kind => kind.ModelParameter is not null)) : null;
            var index = ExperimentPackageWriter.Write(StagingDirectory, Experiment, ProjectFile, ResultsDirectory, StepsDirectory, ids, PartSize, calls);
            Files = Directory.EnumerateFiles(StagingDirectory, "*", SearchOption.AllDirectories)
                .Select(path => (ITaskItem)new Microsoft.Build.Utilities.TaskItem(path, new Dictionary<string, string>
                {
                    ["PackagePath"] = "skillmix/" + Path.GetRelativePath(StagingDirectory, path).Replace('\\', '/'),
                }))
                .ToArray();
            Log.LogMessage(MessageImportance.High,
                $"SkillMix: packing {Experiment}: {index.Files.Count} files, {ids.Count} steps, " +
                $"{index.Files.Count(f => f.Path.StartsWith(CallRecordPacker.Folder + "/", StringComparison.Ordinal))} call records, {index.Files.Count(f => f.Parts.Count > 0)} split into parts.");
            return true;
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or UnauthorizedAccessException or StoreException or CallRecordException or ArgumentOutOfRangeException)
        {
            Log.LogError(null, ErrorCodes.PackFailed, null, ProjectFile, 0, 0, 0, 0, $"Cannot pack {Experiment}: {e.Message}");
            return false;
        }
    }

    private List<string> StepIds(Func<StepKind.Info, bool> packs)
    {
        var layout = new ExperimentLayout(StepsDirectory);
        return [.. StepKind.All.Where(packs).SelectMany(kind => layout.StepIds(kind.Name))];
    }
}
