namespace SkillMix.Store;

/// <summary>
/// The store's folders and file names, in one place:
/// <code>
/// skillmix-store.json            {"format":1}: marks the folder as a store
/// blobs/ab/cdef…                 content, named by its SHA-256 (first two hex digits as a shard folder)
/// steps/12/1234….json            the manifest of the step whose key is 1234…
/// steps/12/1234….used            empty; its modification time is when the entry was last saved or restored
/// </code>
/// </summary>
internal sealed class StoreLayout(string root)
{
    public const int FormatVersion = 1;
    public const string MarkerName = "skillmix-store.json";
    private const string ManifestExtension = ".json";
    private const string UsedExtension = ".used";

    public string Root { get; } = root;
    public string Marker => Path.Combine(Root, MarkerName);
    public string BlobsFolder => Path.Combine(Root, "blobs");
    public string StepsFolder => Path.Combine(Root, "steps");

    public string Blob(string hash) => Path.Combine(BlobsFolder, hash[..2], hash[2..]);
    public string Manifest(string key) => Path.Combine(StepsFolder, key[..2], key + ManifestExtension);
    public string UsedMark(string key) => Path.Combine(StepsFolder, key[..2], key + UsedExtension);

    /// <summary>Every manifest file, as (key, path); names that are not keys are not the store's and are left alone.</summary>
    public IEnumerable<(string Key, string Path)> Manifests() =>
        Files(StepsFolder, "*" + ManifestExtension)
            .Select(path => (Key: System.IO.Path.GetFileNameWithoutExtension(path), Path: path))
            .Where(m => ContentHash.IsValid(m.Key) && m.Key[..2] == System.IO.Path.GetFileName(System.IO.Path.GetDirectoryName(m.Path)));

    /// <summary>Every blob file, as (hash, path).</summary>
    public IEnumerable<(string Hash, string Path)> Blobs() =>
        Files(BlobsFolder, "*")
            .Where(path => !AtomicFile.IsTemp(path))
            .Select(path => (Hash: System.IO.Path.GetFileName(System.IO.Path.GetDirectoryName(path)) + System.IO.Path.GetFileName(path), Path: path))
            .Where(b => ContentHash.IsValid(b.Hash));

    /// <summary>Temporary files left anywhere in the store (by writers that are running, or that crashed).</summary>
    public IEnumerable<string> TempFiles() =>
        Files(BlobsFolder, "*" + AtomicFile.TempSuffix).Concat(Files(StepsFolder, "*" + AtomicFile.TempSuffix)).Where(AtomicFile.IsTemp);

    private static IEnumerable<string> Files(string folder, string pattern) =>
        Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, pattern, new EnumerationOptions
            {
                RecurseSubdirectories = true,
                MaxRecursionDepth = 1,
                AttributesToSkip = 0,
                IgnoreInaccessible = false,
            }).Order(StringComparer.Ordinal)
            : [];
}
