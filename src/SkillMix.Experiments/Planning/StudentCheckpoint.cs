using System.Text.Json.Nodes;
using SkillMix.Core.Checkpoints;
using SkillMix.Experiments.Spec;

namespace SkillMix.Experiments.Planning;

/// <summary>
/// The checkpoint of an hf: student as the planner finds it: its folder (for the step file's context) and its content
/// hash (for the keys). A checkpoint that cannot be found or read does not stop planning, so plan mode still prints every
/// step: its <see cref="Identity"/> is then <see cref="Unresolved"/> and <see cref="ProblemCode"/> with
/// <see cref="Problem"/> say why, which the preflight raises before any step runs.
/// </summary>
public sealed record StudentCheckpoint(string Reference, string? Folder, string Identity, string? ProblemCode, string? Problem)
{
    /// <summary>The identity of a checkpoint that was not found: no step with it runs.</summary>
    public const string Unresolved = "unresolved";

    /// <summary>The student's checkpoint, or null for a student that is not hf:.</summary>
    public static StudentCheckpoint? Identify(ExperimentSpec spec)
    {
        var reference = spec.Student.Backend;
        if (!BackendNames.IsHuggingFace(reference))
        {
            return null;
        }
        var projectDirectory = Path.GetDirectoryName(Path.GetFullPath(spec.ProjectFile)) ?? ".";
        var path = reference[BackendNames.HuggingFacePrefix.Length..];
        // A relative folder is relative to the project, as every other path of an experiment is, not to MSBuild's directory.
        var local = Path.IsPathRooted(path) ? path : Path.Combine(projectDirectory, path);
        var modelsDir = spec.Student.ModelsDir is { Length: > 0 } dir ? Path.GetFullPath(Path.Combine(projectDirectory, dir)) : null;
        try
        {
            var folder = Directory.Exists(local) ? Path.GetFullPath(local) : HfReference.Resolve(reference, modelsDir);
            return new StudentCheckpoint(reference, folder, CheckpointContent.Hash(folder), null, null);
        }
        catch (CheckpointException e)
        {
            return new StudentCheckpoint(reference, null, Unresolved, e.Code, e.Message);
        }
        catch (IOException e)
        {
            return new StudentCheckpoint(reference, null, Unresolved, CheckpointException.NotFound, $"The student checkpoint '{reference}' could not be read: {e.Message}");
        }
    }

    /// <summary>The step file's context entry (read back by <see cref="FromContext"/>).</summary>
    public JsonObject ToJson() => new()
    {
        ["reference"] = Reference,
        ["folder"] = Folder,
        ["identity"] = Identity,
        ["problemCode"] = ProblemCode,
        ["problem"] = Problem,
    };

    /// <summary>The checkpoint a step file's context names, or null.</summary>
    public static StudentCheckpoint? FromContext(JsonObject context) =>
        context["studentCheckpoint"] is JsonObject json
            ? new StudentCheckpoint(
                json["reference"]!.GetValue<string>(), json["folder"]?.GetValue<string>(), json["identity"]!.GetValue<string>(),
                json["problemCode"]?.GetValue<string>(), json["problem"]?.GetValue<string>())
            : null;
}
