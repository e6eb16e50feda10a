using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.AI;

namespace SkillMix.Models.Store;

/// <summary>
/// A folder of model calls, one JSON file per key (root/ab/abcd....json). Each file is written to a temporary name in its
/// own folder and renamed into place, so a reader or a resumed run never sees half a record, whatever killed the writer.
/// </summary>
public sealed class CallStore
{
    private const string TempSuffix = ".tmp";

    private static readonly JsonSerializerOptions s_json = new(AIJsonUtilities.DefaultOptions)
    {
        WriteIndented = true,
        TypeInfoResolver = JsonTypeInfoResolver.Combine(AIJsonUtilities.DefaultOptions.TypeInfoResolver, new DefaultJsonTypeInfoResolver()),
    };

    public CallStore(string root)
    {
        Root = Path.GetFullPath(root);
        Directory.CreateDirectory(Root);
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

    public void Write(CallRecord record)
    {
        var path = PathOf(record.Key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = path + "." + Guid.NewGuid().ToString("N") + TempSuffix;
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                JsonSerializer.Serialize(stream, record, s_json);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    /// <summary>The keys of every stored call (temporary files of interrupted writes are not calls).</summary>
    public IEnumerable<string> Keys() =>
        Directory.EnumerateFiles(Root, "*.json", SearchOption.AllDirectories).Select(Path.GetFileNameWithoutExtension).OfType<string>();

    internal static string Serialize(CallRecord record) => Encoding.UTF8.GetString(JsonSerializer.SerializeToUtf8Bytes(record, s_json));
}
