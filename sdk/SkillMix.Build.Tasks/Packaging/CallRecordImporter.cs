using SkillMix.Core.Text;
using SkillMix.Store;

namespace SkillMix.Build.Tasks.Packaging;

/// <summary>
/// Writes a package's model-call records into the local call store, so that its experiment's API steps replay without a
/// key (SKILLMIX_CALL_MODE=replay). Every record is checked before any is written: its entry's SHA-256 against the index
/// (by the caller), and here that its request hashes to its key and that it sits under that key's name.
/// </summary>
public static class CallRecordImporter
{
    /// <summary>The checked records: key, and the path of the record's verified content.</summary>
    public static IReadOnlyList<(string Key, string Path)> Check(IReadOnlyDictionary<string, string> verifiedFiles, string packageName)
    {
        var records = new List<(string, string)>();
        foreach (var (entry, path) in verifiedFiles.Where(f => f.Key.StartsWith(CallRecordPacker.Folder + "/", StringComparison.Ordinal)).OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            var source = $"Package {packageName}: skillmix/{entry}";
            var key = CallRecordFiles.CheckedKey(File.ReadAllBytes(path), source);
            if (entry != $"{CallRecordPacker.Folder}/{CallRecordFiles.RelativePath(key)}")
            {
                throw new CallRecordException($"{source} holds the call record of key {ContentHash.Short(key)}…, which belongs at skillmix/{CallRecordPacker.Folder}/{CallRecordFiles.RelativePath(key)}. The package was altered after it was packed: restore it again from a trusted source.");
            }
            records.Add((key, path));
        }
        return records;
    }

    /// <summary>
    /// Writes each record that the call store does not have (atomically: a temporary file in the same folder, renamed). A
    /// record already there with the same bytes is left alone. One with other bytes is a second reply to the same request:
    /// the local one is kept, since steps already built may have used it, and reported so the build can warn.
    /// </summary>
    public static CallImport Write(IReadOnlyList<(string Key, string Path)> records, string callRoot)
    {
        var imported = new List<string>();
        var already = new List<string>();
        var keptLocal = new List<string>();
        foreach (var (key, path) in records)
        {
            var target = Path.Combine(callRoot, CallRecordFiles.RelativePath(key));
            var bytes = File.ReadAllBytes(path);
            if (!File.Exists(target))
            {
                AtomicFile.WriteAllBytes(target, bytes);
                imported.Add(key);
            }
            else if (File.ReadAllBytes(target).AsSpan().SequenceEqual(bytes))
            {
                already.Add(key);
            }
            else
            {
                keptLocal.Add(key);
            }
        }
        return new CallImport(imported, already, keptLocal);
    }
}
