using Microsoft.Build.Framework;
using SkillMix.Experiments;
using SkillMix.Experiments.Spec;

namespace SkillMix.Build.Tasks;

/// <summary>
/// Reads the experiment's properties and items, checks them, and writes one step file per step (only those whose content
/// changed) for the step targets to batch on. All the logic is in <see cref="ExperimentPlanning"/>.
/// </summary>
public sealed class SkillMixPlan : Microsoft.Build.Utilities.Task
{
    [Required] public string ProjectFile { get; set; } = "";

    /// <summary>The experiment's properties: Include is the name, metadata Value the value.</summary>
    [Required] public ITaskItem[] Properties { get; set; } = [];

    public ITaskItem[] TrainingSets { get; set; } = [];

    public ITaskItem[] FineTunes { get; set; } = [];

    public ITaskItem[] Evaluations { get; set; } = [];

    [Required] public string StepsDirectory { get; set; } = "";

    [Required] public string OutputsDirectory { get; set; } = "";

    public override bool Execute()
    {
        var properties = Properties.ToDictionary(p => p.ItemSpec, p => p.GetMetadata("Value"), StringComparer.OrdinalIgnoreCase);
        var items = ToDeclared(SpecReader.TrainingSetItem, TrainingSets)
            .Concat(ToDeclared(SpecReader.FineTuneItem, FineTunes))
            .Concat(ToDeclared(SpecReader.EvaluationItem, Evaluations))
            .ToList();
        var locator = new ProjectXmlLocator(ProjectFile);
        var result = ExperimentPlanning.Plan(properties, items, ProjectFile, locator.Locate, StepsDirectory, OutputsDirectory);
        if (PlanChecks.ProfileWarning(properties.GetValueOrDefault("Profile"), ProjectFile) is { } profile)
        {
            Log.LogWarning(null, ErrorCodes.UnknownProfile, null, ProjectFile, 0, 0, 0, 0, profile);
        }
        foreach (var error in result.Errors)
        {
            Log.LogError(null, error.Code, null, error.Location.File, error.Location.Line, error.Location.Column, 0, 0, error.Message);
        }
        if (result.Steps.Count > 0)
        {
            Log.LogMessage(MessageImportance.Low, $"SkillMix: planned {result.Steps.Count} steps for {Path.GetFileName(ProjectFile)}.");
        }
        return !Log.HasLoggedErrors;
    }

    private static IEnumerable<DeclaredItem> ToDeclared(string itemType, ITaskItem[] items) =>
        items.Select(i => new DeclaredItem(itemType, i.ItemSpec,
            i.MetadataNames.Cast<string>().ToDictionary(n => n, i.GetMetadata, StringComparer.OrdinalIgnoreCase)));
}
