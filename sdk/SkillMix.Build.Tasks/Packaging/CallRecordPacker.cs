using System.Text.Json;
using SkillMix.Experiments.Planning;
using SkillMix.Experiments.Spec;
using SkillMix.Store;

namespace SkillMix.Build.Tasks.Packaging;

/// <summary>
/// Stages the model-call records an experiment's steps used under calls/ of the package (calls/ab/&lt;key&gt;.json, as in
/// the call store), so a consumer can replay those steps without a key. Which records a step used is its calls.txt,
/// checked against the step's manifest like any output; each record is checked to answer the request its key names.
/// </summary>
public static class CallRecordPacker
{
    public const string Folder = "calls";

    /// <summary>Copies the records of the given steps from <paramref name="callRoot"/> into the staging folder; returns how many.</summary>
    public static int Stage(string staging, string stepsDirectory, IEnumerable<string> stepIds, string callRoot)
    {
        var usedBy = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var id in stepIds)
        {
            foreach (var key in KeysOf(stepsDirectory, id))
            {
                usedBy.TryAdd(key, id);
            }
        }
        foreach (var (key, step) in usedBy)
        {
            var source = Path.Combine(callRoot, CallRecordFiles.RelativePath(key));
            if (!File.Exists(source))
            {
                throw new InvalidOperationException(
                    $"The call record {key} that step {step} used is not in the call store {callRoot}. Set {CallRecordFiles.EnvironmentVariable} " +
                    "to the folder whose calls/ the experiment's steps used, or run the step again in live mode.");
            }
            var bytes = File.ReadAllBytes(source);
            CallRecordFiles.CheckedKey(bytes, source);
            var target = Path.Combine(staging, Folder, CallRecordFiles.RelativePath(key));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.WriteAllBytes(target, bytes);
        }
        return usedBy.Count;
    }

    /// <summary>The keys a step's calls.txt lists; none for a step of a local model; an error for an API step without a list.</summary>
    private static IReadOnlyList<string> KeysOf(string stepsDirectory, string id)
    {
        var step = BuiltStep.Read(stepsDirectory, id);
        var manifest = step.Manifest;
        var list = manifest.Files.FirstOrDefault(f => f.Path == CallRecordFiles.ListFileName);
        if (list is null)
        {
            var model = StepKind.ModelParameter(manifest.Definition.Kind) is { } name && manifest.Definition.Parameters.TryGetValue(name, out var json)
                ? JsonSerializer.Deserialize<string>(json)
                : null;
            return model is not null && BackendNames.IsApi(model)
                ? throw new InvalidOperationException(
                    $"Step {id} calls {model} but lists no call records: it was saved by an earlier SkillMix. Delete its store entry " +
                    $"(steps/{manifest.Key[..2]}/{manifest.Key}.json in the store), run `dotnet clean` and build again: the other steps " +
                    "are restored, and this one runs again with its calls answered from the call store.")
                : [];
        }
        return CallRecordFiles.ReadList(step.CheckedOutput(list));
    }
}
