using System.Text;
using System.Text.Json;

namespace SkillMix.Store;

/// <summary>
/// The model-call store as steps and experiment packages see it: where the records are, the list of call keys a step
/// writes beside its outputs (<see cref="ListFileName"/>), and the check that a record answers the request its key names.
/// The records themselves are written by SkillMix.Models' CallStore; this side needs only their JSON, so the MSBuild tasks
/// that pack and import records load no model SDK.
/// </summary>
public static class CallRecordFiles
{
    /// <summary>Names the folder that holds the call store's calls/ folder; unset, the step store's default folder does.</summary>
    public const string EnvironmentVariable = "SKILLMIX_CALLS";

    /// <summary>The output file of a step that called an API model: the keys of its calls, sorted, one per line.</summary>
    public const string ListFileName = "calls.txt";

    /// <summary>The records' folder on this machine: $SKILLMIX_CALLS/calls, else calls/ in the default step store folder.</summary>
    public static string DefaultRoot() => DefaultRoot(Environment.GetEnvironmentVariable, StoreLocation.Default);

    public static string DefaultRoot(Func<string, string?> environment, Func<string> defaultStore) =>
        Path.Combine(environment(EnvironmentVariable) is { Length: > 0 } root ? Path.GetFullPath(root) : defaultStore(), "calls");

    /// <summary>A record's path under the records' folder, '/'-separated: ab/abcdef….json.</summary>
    public static string RelativePath(string key) => $"{key[..2]}/{key}.json";

    /// <summary>Writes the sorted, distinct keys one per line: the same calls give the same bytes, whatever order they ran in.</summary>
    public static void WriteList(string path, IEnumerable<string> keys)
    {
        var text = string.Concat(keys.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Select(key => key + "\n"));
        AtomicFile.WriteAllText(path, text, flush: false);
    }

    /// <summary>The keys of a call list; a line that is not a key is an error naming the file and line.</summary>
    public static IReadOnlyList<string> ReadList(string path)
    {
        var keys = new List<string>();
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (!ContentHash.IsValid(line))
            {
                throw new CallRecordException($"{path}({number}): '{Shorten(line)}' is not a call key (64 lower-case hex digits). The step's outputs are damaged: build the step again.");
            }
            keys.Add(line);
        }
        return keys;
    }

    /// <summary>
    /// The key of a model call: the SHA-256, as 64 lower-case hex digits, of the UTF-8 bytes of its canonical request (the
    /// compact JSON SkillMix.Models' CallKey.CanonicalRequest writes). The one place the key is computed: the call store
    /// keys calls with it, and the packing and import checks recompute it from a record's request.
    /// </summary>
    public static string KeyOf(string canonicalRequest) => ContentHash.Of(canonicalRequest);

    /// <summary>
    /// The key a stored request hashes to (<see cref="KeyOf"/>): its compact JSON is rewritten the way CallKey wrote it
    /// (Utf8JsonWriter's default escaping, members in their written order, numbers as written), which gives back the
    /// canonical text whatever indentation or escaping the record file uses.
    /// </summary>
    public static string KeyOfRequest(JsonElement request)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            request.WriteTo(writer);
        }
        return KeyOf(Encoding.UTF8.GetString(buffer.ToArray()));
    }

    /// <summary>
    /// The key of a record after checking it: the record is JSON with a "key" and a "request", and the request hashes to
    /// the key. Anything else is a <see cref="CallRecordException"/> naming <paramref name="source"/>.
    /// </summary>
    public static string CheckedKey(ReadOnlySpan<byte> record, string source)
    {
        string key;
        string actual;
        try
        {
            using var document = JsonDocument.Parse(record.ToArray());
            var root = document.RootElement;
            key = root.TryGetProperty("key", out var keyElement) && keyElement.ValueKind == JsonValueKind.String
                ? keyElement.GetString()!
                : throw new JsonException("it has no \"key\"");
            actual = root.TryGetProperty("request", out var request) && request.ValueKind == JsonValueKind.Object
                ? KeyOfRequest(request)
                : throw new JsonException("it has no \"request\"");
        }
        catch (JsonException e)
        {
            throw new CallRecordException($"{source} is not a readable model-call record: {e.Message}.", e);
        }
        if (key != actual)
        {
            throw new CallRecordException(
                $"{source}: the call record's request does not hash to its key (key {ContentHash.Short(key)}…, request hashes to {ContentHash.Short(actual)}…). " +
                "Its reply would answer a different request than the one it claims: the record was altered. Use a package from a trusted source.");
        }
        return key;
    }

    private static string Shorten(string line) => line.Length > 40 ? line[..40] + "…" : line;
}
