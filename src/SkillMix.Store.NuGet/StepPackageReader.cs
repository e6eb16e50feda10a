using System.Text.Json;
using System.Text.Json.Nodes;
using NuGet.Packaging;
using NuGet.Packaging.Core;

namespace SkillMix.Store.NuGet;

/// <summary>
/// Imports a step entry from its packages. Nothing in a package is trusted: the chunk list must describe the manifest's
/// blobs, and <see cref="StepStore.Import"/> checks the manifest against the key and every reassembled blob against its
/// hash before anything lands in the store.
/// </summary>
internal static class StepPackageReader
{
    /// <summary>
    /// Imports the entry whose parts <paramref name="download"/> fetches (part id -> local .nupkg path, or null when the
    /// feed has no such package). Returns null when part 1 is absent; throws <see cref="StoreException"/> when a package is
    /// damaged or does not match.
    /// </summary>
    public static async Task<StepManifest?> ImportAsync(StepStore store, string key, string feed,
        Func<string, Task<string?>> download, string workFolder)
    {
        var firstId = StepPackageNames.Id(key);
        var first = await download(firstId);
        if (first is null)
        {
            return null;
        }
        var readers = new Dictionary<int, PackageArchiveReader>();
        try
        {
            readers[1] = Open(first, firstId, feed);
            var source = $"{feed}: package {firstId}";
            var manifestJson = ReadText(readers[1], StepPackageWriter.ManifestPath, source);
            var chunks = ReadChunks(ReadText(readers[1], StepPackageWriter.ChunksPath, source), key, source);
            foreach (var part in chunks.Select(c => c.Part).Distinct().Where(p => p != 1).Order())
            {
                var id = StepPackageNames.Id(key, part);
                var path = await download(id)
                    ?? throw new StoreException($"{feed}: package {id} is missing, yet {firstId} lists chunks in it; the entry was rejected.");
                readers[part] = Open(path, id, feed);
            }
            return store.Import(key, manifestJson, source, file => Reassemble(file, chunks, readers, workFolder, feed));
        }
        finally
        {
            foreach (var reader in readers.Values)
            {
                reader.Dispose();
            }
        }
    }

    private static PackageArchiveReader Open(string path, string id, string feed)
    {
        try
        {
            return new PackageArchiveReader(path);
        }
        catch (Exception e) when (e is InvalidDataException or PackagingException)
        {
            throw new StoreException($"{feed}: package {id} is not a readable .nupkg ({e.Message}); the entry was rejected.");
        }
    }

    private static string ReadText(PackageArchiveReader reader, string entry, string source)
    {
        try
        {
            using var stream = reader.GetStream(entry);
            using var text = new StreamReader(stream);
            return text.ReadToEnd();
        }
        catch (Exception e) when (e is FileNotFoundException or InvalidDataException)
        {
            throw new StoreException($"{source}: has no readable {entry}, so it is not a SkillMix step package; the entry was rejected.");
        }
    }

    private static IReadOnlyList<StepChunk> ReadChunks(string json, string key, string source)
    {
        var where = $"{source}: {StepPackageWriter.ChunksPath}";
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json);
        }
        catch (JsonException e)
        {
            throw new StoreException($"{where} is not valid JSON ({e.Message}); the entry was rejected.");
        }
        if (root is not JsonObject obj || !Is(obj["format"], StepPackageWriter.ChunksFormat) || !Is(obj["key"], key)
            || obj["chunks"] is not JsonArray chunks)
        {
            throw new StoreException(
                $"{where} is not a chunk list of format {StepPackageWriter.ChunksFormat} for the key {key}; the entry was rejected.");
        }
        return [.. chunks.Select(node => ReadChunk(node, where))];
    }

    private static StepChunk ReadChunk(JsonNode? node, string where)
    {
        if (node is JsonObject o
            && o["blob"] is JsonValue blob && blob.TryGetValue<string>(out var hash) && ContentHash.IsValid(hash)
            && o["index"] is JsonValue index && index.TryGetValue<int>(out var i) && i >= 0
            && o["part"] is JsonValue part && part.TryGetValue<int>(out var p) && p >= 1
            && o["size"] is JsonValue size && size.TryGetValue<long>(out var bytes) && bytes >= 0)
        {
            return new StepChunk(hash, i, p, bytes);
        }
        throw new StoreException($"{where} lists a chunk that is not {{blob, index >= 0, part >= 1, size >= 0}}: {node?.ToJsonString()}; the entry was rejected.");
    }

    private static bool Is<T>(JsonNode? node, T expected) =>
        node is JsonValue value && value.TryGetValue<T>(out var actual) && EqualityComparer<T>.Default.Equals(actual, expected);

    /// <summary>Joins a blob's chunks, in order, into a temporary file that disappears when the store has read it.</summary>
    private static Stream Reassemble(StoredFile file, IReadOnlyList<StepChunk> chunks,
        IReadOnlyDictionary<int, PackageArchiveReader> readers, string workFolder, string feed)
    {
        var mine = chunks.Where(c => c.Blob == file.Blob).OrderBy(c => c.Index).ToList();
        if (mine.Count == 0 || mine.Select((c, i) => c.Index != i).Any(gap => gap))
        {
            throw new StoreException($"{feed}: the packages of this entry do not hold every chunk of '{file.Path}'; the entry was rejected.");
        }
        var path = Path.Combine(workFolder, file.Blob);
        using (var target = File.Create(path))
        {
            foreach (var chunk in mine)
            {
                try
                {
                    using var source = readers[chunk.Part].GetStream(chunk.EntryPath);
                    source.CopyTo(target);
                }
                catch (Exception e) when (e is FileNotFoundException or InvalidDataException)
                {
                    throw new StoreException($"{feed}: chunk {chunk.Index} of '{file.Path}' is missing or unreadable ({e.Message}); the entry was rejected.");
                }
            }
        }
        return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 81920, FileOptions.DeleteOnClose);
    }
}
