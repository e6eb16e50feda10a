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
/// <param name="Reference">The Student property as written.</param>
/// <param name="Name">The student's name in keys and the report: hf:&lt;org&gt;/&lt;name&gt; as given, or for a folder hf: and the
/// folder's own name, so that moving the folder elsewhere changes no key (its bytes enter them through <paramref name="Identity"/>).</param>
/// <param name="Folder">The checkpoint's folder on this machine, or null when it was not found.</param>
/// <param name="Identity">The checkpoint's content hash (<see cref="CheckpointContent"/>), or <see cref="Unresolved"/>.</param>
/// <param name="ProblemCode">The SKMX code of why it was not found or read, or null.</param>
/// <param name="Problem">What is wrong, where it was looked for and how to get it, or null.</param>
public sealed record StudentCheckpoint(string Reference, string Name, string? Folder, string Identity, string? ProblemCode, string? Problem)
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
            if (Directory.Exists(local))
            {
                var folder = Path.GetFullPath(local).TrimEnd(Path.DirectorySeparatorChar);
                return new StudentCheckpoint(reference, BackendNames.HuggingFacePrefix + Path.GetFileName(folder), folder, CheckpointContent.Hash(folder), null, null);
            }
            var found = HfReference.Resolve(reference, modelsDir);
            return new StudentCheckpoint(reference, reference, found, CheckpointContent.Hash(found), null, null);
        }
        catch (CheckpointException e)
        {
            return new StudentCheckpoint(reference, reference, null, Unresolved, e.Code, e.Message);
        }
        catch (IOException e)
        {
            return new StudentCheckpoint(reference, reference, null, Unresolved, CheckpointException.NotFound, $"The student checkpoint '{reference}' could not be read: {e.Message}");
        }
    }

    /// <summary>The step file's context entry (read back by <see cref="FromContext"/>).</summary>
    public JsonObject ToJson() => new()
    {
        ["reference"] = Reference,
        ["name"] = Name,
        ["folder"] = Folder,
        ["identity"] = Identity,
        ["problemCode"] = ProblemCode,
        ["problem"] = Problem,
    };

    /// <summary>The checkpoint a step file's context names, or null.</summary>
    public static StudentCheckpoint? FromContext(JsonObject context) =>
        context["studentCheckpoint"] is JsonObject json
            ? new StudentCheckpoint(
                json["reference"]!.GetValue<string>(), json["name"]!.GetValue<string>(), json["folder"]?.GetValue<string>(), json["identity"]!.GetValue<string>(),
                json["problemCode"]?.GetValue<string>(), json["problem"]?.GetValue<string>())
            : null;
}
