using Microsoft.Build.Framework;
using SkillMix.Build.Tasks.Packaging;
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

    /// <summary>Step lists (e.g. generate.list) whose steps' outputs go into the package.</summary>
    public ITaskItem[] StepLists { get; set; } = [];

    /// <summary>Step lists whose steps' model-call records go into the package (SkillMixPackCallRecords).</summary>
    public ITaskItem[] CallStepLists { get; set; } = [];

    /// <summary>Largest package entry in bytes; larger files are cut into parts.</summary>
    public long PartSize { get; set; }

    /// <summary>Every staged file; metadata PackagePath is its path in the package.</summary>
    [Output] public ITaskItem[] Files { get; set; } = [];

    public override bool Execute()
    {
        try
        {
            var ids = StepIds(StepLists);
            var calls = CallStepLists.Length == 0 ? null : new CallRecordSelection(CallRecordFiles.DefaultRoot(), StepIds(CallStepLists));
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

    private static List<string> StepIds(ITaskItem[] lists) =>
        lists.Select(list => list.ItemSpec).Where(File.Exists).SelectMany(File.ReadAllLines).Where(line => line.Length > 0).ToList();
}
