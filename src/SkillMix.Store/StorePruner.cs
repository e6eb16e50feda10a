namespace SkillMix.Store;

/// <summary>
/// Chooses the entries to remove (unreadable ones always; then by age, by size, or all), removes their manifests, and
/// then removes every blob that no kept manifest refers to. Blobs are removed only after the manifests, and only when
/// unreferenced, so a kept entry never loses content.
/// </summary>
internal sealed class StorePruner(StepStore store, PruneOptions options)
{
    public PruneReport Run(DateTimeOffset now)
    {
        options.Validate();
        var entries = store.List();
        var remove = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            var tooOld = options.OlderThan is { } age && now - entry.LastUsedUtc > age;
            if (options.All || entry.Manifest is null || tooOld)
            {
                remove.Add(entry.Key);
            }
        }
        if (options.MaxSize is { } maxSize)
        {
            RemoveLeastRecentlyUsed(entries.Where(e => !remove.Contains(e.Key)).ToList(), maxSize, remove);
        }
        foreach (var key in remove)
        {
            store.Remove(key, null);
        }

        var referenced = entries.Where(e => !remove.Contains(e.Key) && e.Manifest is not null)
            .SelectMany(e => e.Manifest!.Files.Select(f => f.Blob))
            .ToHashSet(StringComparer.Ordinal);
        var youngest = (now - options.Grace).UtcDateTime;
        int blobsRemoved = 0;
        long freed = 0, kept = 0;
        foreach (var (hash, path) in store.Layout.Blobs())
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                continue;
            }
            if (!referenced.Contains(hash) && (options.All || info.LastWriteTimeUtc < youngest))
            {
                AtomicFile.DeleteQuietly(path);
                blobsRemoved++;
                freed += info.Length;
            }
            else
            {
                kept += info.Length;
            }
        }
        foreach (var temp in store.Layout.TempFiles())
        {
            if (File.GetLastWriteTimeUtc(temp) < youngest)
            {
                AtomicFile.DeleteQuietly(temp);
            }
        }
        return new PruneReport(remove.Count, entries.Count - remove.Count, blobsRemoved, freed, kept);
    }

    /// <summary>Drops entries, least recently used first, until the distinct blobs of the rest fit in the budget.</summary>
    private static void RemoveLeastRecentlyUsed(List<StoreEntry> candidates, long maxSize, HashSet<string> remove)
    {
        var users = new Dictionary<string, int>(StringComparer.Ordinal);
        long total = 0;
        foreach (var file in candidates.SelectMany(e => e.Manifest!.Files))
        {
            if (users.TryGetValue(file.Blob, out var count))
            {
                users[file.Blob] = count + 1;
            }
            else
            {
                users[file.Blob] = 1;
                total += file.Size;
            }
        }
        foreach (var entry in candidates.OrderBy(e => e.LastUsedUtc).ThenBy(e => e.Key, StringComparer.Ordinal))
        {
            if (total <= maxSize)
            {
                return;
            }
            remove.Add(entry.Key);
            foreach (var file in entry.Manifest!.Files)
            {
                if (--users[file.Blob] == 0)
                {
                    total -= file.Size;
                }
            }
        }
    }
}
