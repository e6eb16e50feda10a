using SkillMix.Store;

namespace SkillMix.Experiments.Planning;

/// <summary>
/// Gives each planned step its key (in plan order, which lists every step after its inputs) and writes its step file,
/// touching only the files whose content changed, plus the step list (kind and id of each step, kind by
/// kind) the MSBuild step target batches on and the kind list saying what each kind's target runs.
/// </summary>
public static class PlanWriter
{
    public static IReadOnlyList<StepFile> Write(IReadOnlyList<PlannedStep> plan, string experiment, System.Text.Json.Nodes.JsonObject context,
        string stepsDirectory, string outputsDirectory)
    {
        var files = Resolve(plan, experiment, context, outputsDirectory);
        var layout = new ExperimentLayout(stepsDirectory);
        Directory.CreateDirectory(layout.StepsDirectory);
        foreach (var file in files)
        {
            WriteIfChanged(layout.StepFile(file.Id), file.ToJsonText());
        }
        var order = StepKind.Names.Select((kind, index) => (kind, index)).ToDictionary(k => k.kind, k => k.index);
        WriteIfChanged(layout.StepList, ExperimentLayout.StepListText(files.OrderBy(f => order[f.Kind]).Select(f => (f.Kind, f.Id))));
        WriteIfChanged(layout.KindList, ExperimentLayout.KindListText());
        return files;
    }

    public static IReadOnlyList<StepFile> Resolve(IReadOnlyList<PlannedStep> plan, string experiment, System.Text.Json.Nodes.JsonObject context,
        string outputsDirectory)
    {
        var byId = new Dictionary<string, StepFile>(StringComparer.Ordinal);
        var files = new List<StepFile>(plan.Count);
        foreach (var step in plan)
        {
            var inputs = new Dictionary<string, StepInput>(StringComparer.Ordinal);
            foreach (var (name, upstream) in step.Inputs)
            {
                if (!byId.TryGetValue(upstream, out var source))
                {
                    throw new InvalidOperationException($"Step '{step.Id}' reads '{upstream}', which is not planned before it.");
                }
                inputs[name] = new StepInput(upstream, source.Key, source.OutputDirectory);
            }
            var definition = new StepDefinition(step.Kind, step.CodeVersion, step.Parameters.ToDefinitionParameters(),
                inputs.Select(i => KeyValuePair.Create(i.Key, i.Value.Key)));
            var file = new StepFile(step.Id, definition, inputs, Path.Combine(outputsDirectory, step.Id), experiment, context);
            byId[step.Id] = file;
            files.Add(file);
        }
        return files;
    }

    private static void WriteIfChanged(string path, string content)
    {
        if (File.Exists(path) && File.ReadAllText(path) == content)
        {
            return;
        }
        Core.Text.AtomicFile.WriteAllText(path, content);
    }
}
