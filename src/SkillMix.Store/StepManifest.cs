using System.Globalization;
using System.Reflection;
using System.Text.Json.Nodes;

namespace SkillMix.Store;

/// <summary>
/// What the store knows about one run of a step: its key and definition, the files it wrote (each a blob), when and by
/// which tool version it was saved, and free-form metadata (wall time, token counts, cost). Written as sorted, indented
/// JSON so the same run always gives the same bytes apart from <see cref="CreatedUtc"/> and the metadata.
/// </summary>
public sealed class StepManifest
{
    /// <summary>The manifest file format; bump it when a member is added, removed or changes meaning.</summary>
    public const int FormatVersion = 1;

    public StepManifest(StepDefinition definition, IEnumerable<StoredFile> files, DateTimeOffset createdUtc,
        string toolVersion, JsonObject? metadata = null)
    {
        Definition = definition;
        Files = [.. files.OrderBy(f => f.Path, StringComparer.Ordinal)];
        // Kept to the millisecond the file holds, so a manifest read back equals the one that was written.
        var utc = createdUtc.ToUniversalTime();
        CreatedUtc = utc.AddTicks(-(utc.Ticks % TimeSpan.TicksPerMillisecond));
        ToolVersion = toolVersion;
        Metadata = metadata?.DeepClone().AsObject() ?? [];
    }

    /// <summary>"skillmix " and the informational version of this assembly, as written into new manifests.</summary>
    public static string CurrentToolVersion { get; } = "skillmix " +
        (typeof(StepManifest).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? typeof(StepManifest).Assembly.GetName().Version?.ToString() ?? "unknown");

    public string Key => Definition.Key;

    public StepDefinition Definition { get; }

    /// <summary>Output files in ordinal order of their paths.</summary>
    public IReadOnlyList<StoredFile> Files { get; }

    public DateTimeOffset CreatedUtc { get; }

    public string ToolVersion { get; }

    /// <summary>A copy of the caller's metadata; changing it does not change the manifest on disk.</summary>
    public JsonObject Metadata { get; }

    /// <summary>Sum of the output files' sizes (blobs shared with other entries are counted here too).</summary>
    public long TotalSize => Files.Sum(f => f.Size);

    public string ToJson()
    {
        var files = new JsonArray();
        foreach (var file in Files)
        {
            files.Add(new JsonObject { ["blob"] = file.Blob, ["path"] = file.Path, ["size"] = file.Size });
        }
        return CanonicalJson.WriteIndented(new JsonObject
        {
            ["created"] = CreatedUtc.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            ["definition"] = Definition.ToJson(),
            ["files"] = files,
            ["format"] = FormatVersion,
            ["key"] = Key,
            ["metadata"] = Metadata.DeepClone(),
            ["tool"] = ToolVersion,
        });
    }

    /// <summary>Reads a manifest; any damage (bad JSON, a missing member, a key that is not its definition's) throws.</summary>
    public static StepManifest Parse(string json, string source)
    {
        var obj = StoreJson.Object(StoreJson.Parse(json, source), source, "the manifest");
        var format = StoreJson.Int(obj["format"], source, "\"format\"");
        if (format != FormatVersion)
        {
            throw new StoreException(
                $"{source}: manifest format {format} is not the format this skillmix reads ({FormatVersion}). " +
                "Use the skillmix version that wrote it, or prune the entry.");
        }
        StoreJson.RejectUnknown(obj, source, "the manifest", "created", "definition", "files", "format", "key", "metadata", "tool");
        var key = StoreJson.Hash(obj["key"], source, "\"key\"");
        var definition = StepDefinition.FromJson(obj["definition"], source);
        if (definition.Key != key)
        {
            throw new StoreException(
                $"{source}: the definition hashes to {definition.Key}, not to the manifest's key {key}; the file is damaged.");
        }
        var created = StoreJson.String(obj["created"], source, "\"created\"");
        if (!DateTimeOffset.TryParse(created, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var createdUtc))
        {
            throw new StoreException($"{source}: \"created\" is '{created}', not a UTC time.");
        }
        var files = StoreJson.Array(obj["files"], source, "\"files\"").Select((node, i) => ParseFile(node, source, i)).ToList();
        var duplicate = files.GroupBy(f => f.Path, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new StoreException($"{source}: the output '{duplicate.Key}' is listed twice.");
        }
        return new StepManifest(definition, files, createdUtc, StoreJson.String(obj["tool"], source, "\"tool\""),
            StoreJson.Object(obj["metadata"], source, "\"metadata\""));
    }

    /// <summary>Writes the manifest atomically, for instance as the output an MSBuild target compares against.</summary>
    public void WriteTo(string path) => AtomicFile.WriteAllText(path, ToJson(), flush: false);

    private static StoredFile ParseFile(JsonNode? node, string source, int index)
    {
        var what = $"files[{index}]";
        var obj = StoreJson.Object(node, source, what);
        StoreJson.RejectUnknown(obj, source, what, "blob", "path", "size");
        var path = StoreJson.String(obj["path"], source, $"{what}.path");
        if (StoredFile.ProblemWithPath(path) is { } problem)
        {
            throw new StoreException($"{source}: {what}.path: {problem}.");
        }
        var size = StoreJson.Long(obj["size"], source, $"{what}.size");
        if (size < 0)
        {
            throw new StoreException($"{source}: {what}.size is negative.");
        }
        return new StoredFile(path, size, StoreJson.Hash(obj["blob"], source, $"{what}.blob"));
    }
}
