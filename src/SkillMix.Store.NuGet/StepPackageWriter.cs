using System.Text.Json.Nodes;
using NuGet.Packaging;

namespace SkillMix.Store.NuGet;

/// <summary>
/// Packs a store entry as NuGet packages: part 1 holds the manifest (as stored, so it still hashes to the key) and the
/// chunk list; the blobs follow in slices of at most the package cap, in part 1 while they fit, then in further parts.
/// A blob two outputs share is packed once.
/// </summary>
internal static class StepPackageWriter
{
    public const string ManifestPath = "skillmix/manifest.json";
    public const string ChunksPath = "skillmix/chunks.json";
    public const int ChunksFormat = 1;

    /// <summary>Writes the parts into <paramref name="folder"/> and returns their paths, part 1 last (the push order).</summary>
    public static IReadOnlyList<string> Write(StepStore store, StepManifest manifest, string folder, long maxPackageBytes)
    {
        if (maxPackageBytes < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxPackageBytes), "The package cap must be at least one byte.");
        }
        var chunks = PlanChunks(manifest, maxPackageBytes);
        var chunkFolder = Path.Combine(folder, "chunks");
        Directory.CreateDirectory(chunkFolder);
        var buffer = new byte[81920];
        foreach (var group in chunks.GroupBy(c => c.Blob))
        {
            using var blob = store.OpenBlob(group.Key);
            foreach (var chunk in group.OrderBy(c => c.Index))
            {
                using var target = File.Create(Path.Combine(chunkFolder, $"{chunk.Blob}.{chunk.Index}"));
                CopyExactly(blob, target, chunk.Size, buffer);
            }
        }
        File.WriteAllText(Path.Combine(folder, "manifest.json"), manifest.ToJson());
        File.WriteAllText(Path.Combine(folder, "chunks.json"), ChunkList(manifest.Key, chunks).ToJsonString());

        var parts = chunks.Count == 0 ? 1 : chunks.Max(c => c.Part);
        var paths = new List<string>();
        for (var part = parts; part >= 1; part--)
        {
            var builder = new PackageBuilder
            {
                Id = StepPackageNames.Id(manifest.Key, part),
                Version = StepPackageNames.Version,
                Description = $"SkillMix step '{manifest.Definition.Kind}' (key {manifest.Key}), part {part} of {parts}.",
                Authors = { "SkillMix" },
            };
            if (part == 1)
            {
                builder.Files.Add(new PhysicalPackageFile { SourcePath = Path.Combine(folder, "manifest.json"), TargetPath = ManifestPath });
                builder.Files.Add(new PhysicalPackageFile { SourcePath = Path.Combine(folder, "chunks.json"), TargetPath = ChunksPath });
            }
            foreach (var chunk in chunks.Where(c => c.Part == part))
            {
                builder.Files.Add(new PhysicalPackageFile { SourcePath = Path.Combine(chunkFolder, $"{chunk.Blob}.{chunk.Index}"), TargetPath = chunk.EntryPath });
            }
            var path = Path.Combine(folder, $"{builder.Id}.{StepPackageNames.Version}.nupkg");
            using (var stream = File.Create(path))
            {
                builder.Save(stream);
            }
            paths.Add(path);
        }
        return paths;
    }

    /// <summary>Slices every distinct blob into chunks of at most the cap and fills parts in order, a new one when the next chunk would not fit.</summary>
    internal static IReadOnlyList<StepChunk> PlanChunks(StepManifest manifest, long maxPackageBytes)
    {
        var chunks = new List<StepChunk>();
        var part = 1;
        long used = 0;
        foreach (var file in manifest.Files.DistinctBy(f => f.Blob))
        {
            long offset = 0;
            var index = 0;
            do
            {
                var size = Math.Min(maxPackageBytes, file.Size - offset);
                if (used > 0 && used + size > maxPackageBytes)
                {
                    part++;
                    used = 0;
                }
                chunks.Add(new StepChunk(file.Blob, index++, part, size));
                used += size;
                offset += size;
            }
            while (offset < file.Size);
        }
        return chunks;
    }

    private static JsonObject ChunkList(string key, IReadOnlyList<StepChunk> chunks) => new()
    {
        ["format"] = ChunksFormat,
        ["key"] = key,
        ["chunks"] = new JsonArray([.. chunks.Select(c => (JsonNode)new JsonObject
        {
            ["blob"] = c.Blob, ["index"] = c.Index, ["part"] = c.Part, ["size"] = c.Size,
        })]),
    };

    private static void CopyExactly(Stream source, Stream target, long count, byte[] buffer)
    {
        while (count > 0)
        {
            var read = source.Read(buffer, 0, (int)Math.Min(buffer.Length, count));
            if (read == 0)
            {
                throw new StoreException("A blob ended before its recorded size while it was being packed; run `skillmix cache verify`.");
            }
            target.Write(buffer, 0, read);
            count -= read;
        }
    }
}
