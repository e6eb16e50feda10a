using System.Text.Json;
using System.Text.Json.Nodes;

namespace SkillMix.Build.Tasks.Packaging;

/// <summary>
/// skillmix/package.json: every file the package carries under skillmix/, with its SHA-256, so a consumer can tell an
/// intact package from one altered after packing. Step outputs are under steps/&lt;step id&gt;/, each with the store
/// manifest (step.json) that names the step's key.
/// </summary>
public sealed record PackageIndex(string Experiment, string Tool, IReadOnlyList<PackagedFile> Files)
{
    public const int FormatVersion = 1;

    public const string FileName = "package.json";

    public string ToJson()
    {
        var files = new JsonArray();
        foreach (var file in Files.OrderBy(f => f.Path, StringComparer.Ordinal))
        {
            var node = new JsonObject { ["path"] = file.Path, ["size"] = file.Size, ["sha256"] = file.Sha256 };
            if (file.Parts.Count > 0)
            {
                node["parts"] = new JsonArray(file.Parts.Select(p => (JsonNode)new JsonObject { ["path"] = p.Path, ["size"] = p.Size, ["sha256"] = p.Sha256 }).ToArray());
            }
            files.Add(node);
        }
        var root = new JsonObject { ["format"] = FormatVersion, ["experiment"] = Experiment, ["tool"] = Tool, ["files"] = files };
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    /// <summary>Reads an index; a malformed one is a <see cref="PackageIntegrityException"/> naming <paramref name="source"/>.</summary>
    public static PackageIndex Parse(string json, string source)
    {
        try
        {
            var root = JsonNode.Parse(json)?.AsObject() ?? throw new JsonException("empty document");
            if ((int?)root["format"] != FormatVersion)
            {
                throw new JsonException($"format is {root["format"]?.ToJsonString() ?? "missing"}, this SDK reads format {FormatVersion}");
            }
            var files = root["files"]!.AsArray().Select(node => new PackagedFile(
                Required(node, "path"), (long)node!["size"]!, Required(node, "sha256"),
                node["parts"] is JsonArray parts
                    ? parts.Select(p => new PackagedPart(Required(p, "path"), (long)p!["size"]!, Required(p, "sha256"))).ToList()
                    : [])).ToList();
            foreach (var path in files.Select(f => f.Path).Concat(files.SelectMany(f => f.Parts).Select(p => p.Path)))
            {
                if (SkillMix.Store.StoredFile.ProblemWithPath(path) is { } problem)
                {
                    throw new JsonException($"a file path {problem}");
                }
            }
            return new PackageIndex(Required(root, "experiment"), (string?)root["tool"] ?? "", files);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or NullReferenceException or FormatException)
        {
            throw new PackageIntegrityException($"{source} is not a valid SkillMix package index: {e.Message}.");
        }
    }

    private static string Required(JsonNode? node, string name) =>
        (string?)node?[name] is { Length: > 0 } value ? value : throw new JsonException($"'{name}' is missing");
}
