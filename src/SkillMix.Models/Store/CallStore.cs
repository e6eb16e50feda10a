using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.AI;
using SkillMix.Core.Text;

namespace SkillMix.Models.Store;

/// <summary>
/// A folder of model calls, one JSON file per key (root/ab/abcd....json). Each file is written to a temporary name in its
/// own folder, flushed to disk and renamed into place, so a reader or a resumed run never sees half a record, whatever
/// killed the writer, and a call that was paid for survives a crash.
/// </summary>
public sealed class CallStore
{
    private static readonly JsonSerializerOptions s_json = new(AIJsonUtilities.DefaultOptions)
    {
        WriteIndented = true,
        TypeInfoResolver = JsonTypeInfoResolver.Combine(AIJsonUtilities.DefaultOptions.TypeInfoResolver, new DefaultJsonTypeInfoResolver()),
    };

    public CallStore(string root)
    {
        Root = Path.GetFullPath(root);
        try
        {
            Directory.CreateDirectory(Root);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CallStoreException(
                $"The call store {Root} cannot be created ({e.Message}): a file may be in the way, or the folder is not writable. " +
                "Set the environment variable SKILLMIX_CALLS to a folder you can write to (by default the call store is calls/ " +
                "in the step store folder, SKILLMIX_STORE).", Root, e);
        }
    }

    public string Root { get; }

    public string PathOf(string key) => Path.Combine(Root, key[..2], key + ".json");

    /// <summary>The stored call, or null when there is none.</summary>
    public CallRecord? TryRead(string key)
    {
        var path = PathOf(key);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }
        try
        {
            return JsonSerializer.Deserialize<CallRecord>(bytes, s_json)
                ?? throw new JsonException("the file holds null");
        }
        catch (JsonException e)
        {
            throw new CallStoreException(
                $"The call record {path} cannot be read ({e.Message}). Delete the file; the call is made again on the next live run.", path, e);
        }
    }

    /// <summary>Writes the record through Core's AtomicFile: a temporary file in the same folder, flushed, then renamed.</summary>
    public void Write(CallRecord record) => AtomicFile.WriteAllText(PathOf(record.Key), Serialize(record));

    /// <summary>The keys of every stored call (temporary files of interrupted writes are not calls).</summary>
    public IEnumerable<string> Keys() =>
        Directory.EnumerateFiles(Root, "*.json", SearchOption.AllDirectories).Select(Path.GetFileNameWithoutExtension).OfType<string>();

    internal static string Serialize(CallRecord record) => JsonSerializer.Serialize(record, s_json);
}
