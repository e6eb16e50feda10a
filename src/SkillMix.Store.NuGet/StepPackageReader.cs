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
        try
        {
            var root = JsonNode.Parse(json) as JsonObject ?? throw new StoreException($"{where} is not a JSON object; the entry was rejected.");
            if (root["format"]?.GetValue<int>() != StepPackageWriter.ChunksFormat || root["key"]?.GetValue<string>() != key)
            {
                throw new StoreException($"{where} has another format or key than {StepPackageWriter.ChunksFormat} and {key}; the entry was rejected.");
            }
            var chunks = (root["chunks"] as JsonArray ?? throw new StoreException($"{where} has no \"chunks\" array; the entry was rejected."))
                .Select(node => new StepChunk(
                    node!["blob"]!.GetValue<string>(), node["index"]!.GetValue<int>(), node["part"]!.GetValue<int>(), node["size"]!.GetValue<long>()))
                .ToList();
            var bad = chunks.FirstOrDefault(c => !ContentHash.IsValid(c.Blob) || c.Index < 0 || c.Part < 1 || c.Size < 0);
            if (bad is not null)
            {
                throw new StoreException($"{where} lists an invalid chunk ({bad}); the entry was rejected.");
            }
            return chunks;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or NullReferenceException or FormatException)
        {
            throw new StoreException($"{where} cannot be read ({e.Message}); the entry was rejected.");
        }
    }

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
