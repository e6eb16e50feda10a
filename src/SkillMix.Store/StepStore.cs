using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace SkillMix.Store;

/// <summary>
/// The content-addressed step store: a step's outputs are saved as blobs named by their SHA-256 and listed in a manifest
/// named by the step's key. A step whose key is here is restored instead of run.
/// </summary>
/// <remarks>
/// Safe for several processes at once without locks: every file is written under a temporary name in its final folder
/// and renamed into place, blobs before the manifest that lists them, so a reader sees either no entry or a complete one.
/// Two writers of one key both succeed and the last rename wins; both wrote the same kind of complete entry. Every blob
/// is re-hashed as it is restored, and an entry whose content does not match is removed and reported, never used.
/// </remarks>
public sealed class StepStore
{
    private readonly StoreLayout _layout;
    private readonly Action<DamagedEntry>? _onDamaged;

    private StepStore(string root, Action<DamagedEntry>? onDamaged)
    {
        _layout = new StoreLayout(root);
        _onDamaged = onDamaged;
    }

    /// <summary>The store's folder, absolute.</summary>
    public string Root => _layout.Root;

    /// <summary>
    /// Opens the store at <paramref name="path"/> (or at <see cref="StoreLocation.Default()"/> when null), creating it if
    /// the folder does not exist or is empty. A folder that cannot be created (a file is in the way, no permission, a full
    /// disk) throws a <see cref="StoreException"/> naming it and the settings that choose it. An existing store on a
    /// read-only disk opens and restores; saving to it fails with the same kind of advice.
    /// </summary>
    /// <param name="path">The store folder; null for the default.</param>
    /// <param name="onDamaged">Told of every entry discarded because its manifest could not be read.</param>
    public static StepStore Open(string? path = null, Action<DamagedEntry>? onDamaged = null)
    {
        var root = StoreLocation.Resolve(path);
        var store = new StepStore(root, onDamaged);
        try
        {
            Directory.CreateDirectory(root);
            if (!File.Exists(store._layout.Marker))
            {
                // Another process may be creating the same store right now: its marker and folders are not foreign.
                string[] ours = [StoreLayout.MarkerName, Path.GetFileName(store._layout.BlobsFolder), Path.GetFileName(store._layout.StepsFolder)];
                if (Directory.EnumerateFileSystemEntries(root).Any(entry => !AtomicFile.IsTemp(entry) && !ours.Contains(Path.GetFileName(entry))))
                {
                    throw NotAStore(root);
                }
                store.WriteMarker();
            }
            else if (new FileInfo(store._layout.Marker).Length == 0)
            {
                // A power loss right after the store was created leaves the marker empty; it holds nothing but the format.
                store.WriteMarker();
            }
            store.CheckMarker();
        }
        catch (Exception e) when (StoreFolderFailure.IsFileSystemFailure(e))
        {
            throw StoreFolderFailure.Unusable(root, e);
        }
        return store;
    }

    /// <summary>Opens a store that must already exist (for inspection: listing, verifying, pruning).</summary>
    public static StepStore OpenExisting(string? path = null, Action<DamagedEntry>? onDamaged = null)
    {
        var root = StoreLocation.Resolve(path);
        if (!Directory.Exists(root))
        {
            throw new StoreException(
                $"There is no step store at {root}: the folder does not exist. Pass --store with the right folder (or set " +
                $"{StoreLocation.EnvironmentVariable}); a build creates the store the first time it saves a step.");
        }
        var store = new StepStore(root, onDamaged);
        if (!File.Exists(store._layout.Marker))
        {
            throw NotAStore(root);
        }
        store.CheckMarker();
        return store;
    }

    /// <summary>
    /// True if a readable manifest for the key exists (its blobs are checked only when it is restored); a damaged one is
    /// discarded, as <see cref="TryGetManifest"/> does.
    /// </summary>
    public bool Contains(string key) => TryGetManifest(key, out _);

    /// <summary>
    /// Saves every file under <paramref name="outputFolder"/> (recursively) as the outputs of the step. Blobs are written
    /// first and the manifest last, so the entry appears complete or not at all.
    /// </summary>
    public StepManifest Save(StepDefinition definition, string outputFolder, JsonObject? metadata = null)
    {
        if (!Directory.Exists(outputFolder))
        {
            throw new StoreException($"Cannot save step {definition}: its output folder {outputFolder} does not exist.");
        }
        var files = Directory.EnumerateFiles(outputFolder, "*", SearchOption.AllDirectories)
            .Where(path => !AtomicFile.IsTemp(path))
            .Select(path => Path.GetRelativePath(outputFolder, path).Replace(Path.DirectorySeparatorChar, '/'));
        return Save(definition, outputFolder, files, metadata);
    }

    /// <summary>Saves the listed files (relative to <paramref name="baseFolder"/>, '/'-separated) as the step's outputs.</summary>
    public StepManifest Save(StepDefinition definition, string baseFolder, IEnumerable<string> relativePaths,
        JsonObject? metadata = null)
    {
        try
        {
            return SaveFiles(definition, baseFolder, relativePaths, metadata);
        }
        catch (Exception e) when (StoreFolderFailure.IsFileSystemFailure(e))
        {
            throw StoreFolderFailure.SaveFailed(Root, definition.ToString(), e);
        }
    }

    private StepManifest SaveFiles(StepDefinition definition, string baseFolder, IEnumerable<string> relativePaths, JsonObject? metadata)
    {
        var stored = new List<StoredFile>();
        foreach (var relative in relativePaths.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            if (StoredFile.ProblemWithPath(relative) is { } problem)
            {
                throw new StoreException($"Cannot save step {definition}: output path {problem}.");
            }
            var source = Path.Combine(baseFolder, relative);
            if (!File.Exists(source))
            {
                throw new StoreException($"Cannot save step {definition}: its output '{relative}' does not exist ({source}).");
            }
            stored.Add(SaveBlob(definition, source, relative));
        }
        var manifest = new StepManifest(definition, stored, DateTimeOffset.UtcNow, StepManifest.CurrentToolVersion, metadata);
        var path = _layout.Manifest(definition.Key);
        AtomicFile.WriteAllText(path, manifest.ToJson(), flush: false);
        AtomicFile.Touch(_layout.UsedMark(definition.Key));
        return manifest;
    }

    /// <summary>
    /// Writes the step's outputs into <paramref name="outputFolder"/> if the store has the key and every blob still
    /// matches its hash. Each file is copied to a temporary name and checked first; only when all are good are they
    /// renamed into place, so a damaged entry leaves the folder as it was. A damaged entry is removed from the store.
    /// </summary>
    public RestoreResult Restore(string key, string outputFolder)
    {
        RequireKey(key);
        var manifestPath = _layout.Manifest(key);
        string json;
        try
        {
            json = AtomicFile.ReadAllText(manifestPath);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return new RestoreResult(key, RestoreOutcome.NotInStore, null, null);
        }
        StepManifest manifest;
        try
        {
            manifest = StepManifest.Parse(json, manifestPath);
        }
        catch (StoreException e)
        {
            return Discard(key, null, e.Message);
        }

        var staged = new List<(string Temp, string Final)>();
        try
        {
            foreach (var file in manifest.Files)
            {
                var final = Path.Combine(outputFolder, file.Path.Replace('/', Path.DirectorySeparatorChar));
                Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(final))!);
                FileStream blob;
                try
                {
                    blob = AtomicFile.OpenRead(_layout.Blob(file.Blob));
                }
                catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
                {
                    return Discard(key, null, $"the blob {ContentHash.Short(file.Blob)} of '{file.Path}' is missing");
                }
                using (blob)
                {
                    var (temp, hash, size) = AtomicFile.CopyToTemp(blob, final);
                    staged.Add((temp, final));
                    if (hash != file.Blob || size != file.Size)
                    {
                        return Discard(key, file.Blob,
                            $"the blob {ContentHash.Short(file.Blob)} of '{file.Path}' does not match its hash " +
                            $"({size} bytes hashing to {ContentHash.Short(hash)}, expected {file.Size} bytes)");
                    }
                }
            }
            foreach (var (temp, final) in staged)
            {
                File.Move(temp, final, overwrite: true);
            }
        }
        finally
        {
            foreach (var (temp, _) in staged)
            {
                AtomicFile.DeleteQuietly(temp);
            }
        }
        AtomicFile.Touch(_layout.UsedMark(key));
        return new RestoreResult(key, RestoreOutcome.Restored, manifest, null);
    }

    /// <summary>The usual call: restores and returns the manifest, or returns false (missing or discarded entry).</summary>
    public bool TryRestore(string key, string outputFolder, [NotNullWhen(true)] out StepManifest? manifest)
    {
        var result = Restore(key, outputFolder);
        manifest = result.Manifest;
        return result.Restored;
    }

    /// <summary>
    /// Reads an entry's manifest without touching its blobs (for explaining an entry, or telling a stored step from one to
    /// run); false if absent. A manifest that cannot be read (empty, truncated, not JSON, the wrong shape) is a damaged
    /// entry: it is discarded, reported to the <c>onDamaged</c> callback, and reads as absent, so the step runs again.
    /// </summary>
    public bool TryGetManifest(string key, [NotNullWhen(true)] out StepManifest? manifest)
    {
        var path = _layout.Manifest(RequireKey(key));
        manifest = null;
        string json;
        try
        {
            json = AtomicFile.ReadAllText(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return false;
        }
        try
        {
            manifest = StepManifest.Parse(json, path);
            return true;
        }
        catch (StoreException e)
        {
            Discard(key, null, e.Message, report: true);
            return false;
        }
    }

    /// <summary>The keys in the store that start with <paramref name="prefix"/> (lower-case hex).</summary>
    public IReadOnlyList<string> FindKeys(string prefix) =>
        [.. _layout.Manifests().Select(m => m.Key).Where(key => key.StartsWith(prefix, StringComparison.Ordinal))];

    /// <summary>
    /// Imports an entry from outside the store (a remote cache), checking the manifest against <paramref name="key"/> and
    /// every blob against its hash before anything is kept. A mismatch throws <see cref="StoreException"/> naming
    /// <paramref name="source"/> and the file; blobs already checked stay (they are correct for every entry).
    /// </summary>
    public StepManifest Import(string key, string manifestJson, string source, Func<StoredFile, Stream> openBlob) =>
        new StoreImporter(this).Import(RequireKey(key), manifestJson, source, openBlob);

    /// <summary>Opens a blob for reading, for instance to push an entry to a remote cache.</summary>
    public Stream OpenBlob(string hash) => AtomicFile.OpenRead(_layout.Blob(hash));

    /// <summary>Every entry, with when it was last saved or restored; unreadable manifests are listed with their problem.</summary>
    public IReadOnlyList<StoreEntry> List()
    {
        var entries = new List<StoreEntry>();
        foreach (var (key, path) in _layout.Manifests())
        {
            try
            {
                var manifest = StepManifest.Parse(AtomicFile.ReadAllText(path), path);
                entries.Add(new StoreEntry(key, manifest, LastUsed(key) ?? manifest.CreatedUtc, null));
            }
            catch (StoreException e)
            {
                entries.Add(new StoreEntry(key, null, LastUsed(key) ?? File.GetLastWriteTimeUtc(path), e.Message));
            }
            catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
            {
                // Removed by another process while listing: it is no longer an entry.
            }
        }
        return entries;
    }

    /// <summary>Number and total size of the blobs on disk (shared content counted once).</summary>
    public (int Count, long Bytes) MeasureBlobs()
    {
        var count = 0;
        long bytes = 0;
        foreach (var (_, path) in _layout.Blobs())
        {
            var info = new FileInfo(path);
            if (info.Exists)
            {
                count++;
                bytes += info.Length;
            }
        }
        return (count, bytes);
    }

    /// <summary>Re-hashes every blob and checks every manifest; removes what is damaged and reports it.</summary>
    public VerifyReport Verify() => new StoreVerifier(this).Run();

    /// <summary>Removes entries by age, by total size or all of them, then every blob no kept manifest refers to.</summary>
    public PruneReport Prune(PruneOptions options) => new StorePruner(this, options).Run(DateTimeOffset.UtcNow);

    internal StoreLayout Layout => _layout;

    internal DateTimeOffset? LastUsed(string key)
    {
        var mark = new FileInfo(_layout.UsedMark(key));
        return mark.Exists ? new DateTimeOffset(mark.LastWriteTimeUtc, TimeSpan.Zero) : null;
    }

    /// <summary>Removes an entry's manifest, and the blob that failed its hash (content-addressed, so wrong for everyone).</summary>
    internal void Remove(string key, string? corruptBlob)
    {
        AtomicFile.DeleteQuietly(_layout.Manifest(key));
        AtomicFile.DeleteQuietly(_layout.UsedMark(key));
        if (corruptBlob is not null)
        {
            AtomicFile.DeleteQuietly(_layout.Blob(corruptBlob));
        }
    }

    /// <summary>
    /// Removes a damaged entry. Only an unreadable manifest is reported to the callback: a restore's result already carries
    /// its problem, and its caller says so in the step's line.
    /// </summary>
    private RestoreResult Discard(string key, string? corruptBlob, string problem, bool report = false)
    {
        Remove(key, corruptBlob);
        if (report && _onDamaged is not null)
        {
            _onDamaged(new DamagedEntry(key, _layout.Manifest(key), problem));
        }
        return new RestoreResult(key, RestoreOutcome.Discarded, null, problem);
    }

    private void WriteMarker() =>
        AtomicFile.WriteAllText(_layout.Marker, CanonicalJson.Write(new JsonObject { ["format"] = StoreLayout.FormatVersion }), flush: false);

    private StoredFile SaveBlob(StepDefinition definition, string source, string relative)
    {
        string hash;
        long size;
        using (var stream = AtomicFile.OpenRead(source))
        {
            hash = Convert.ToHexStringLower(SHA256.HashData(stream));
            size = stream.Length;
        }
        var blob = _layout.Blob(hash);
        if (TryReuse(blob, size))
        {
            return new StoredFile(relative, size, hash);
        }
        Directory.CreateDirectory(Path.GetDirectoryName(blob)!);
        using var again = AtomicFile.OpenRead(source);
        var (temp, copiedHash, _) = AtomicFile.CopyToTemp(again, blob);
        try
        {
            if (copiedHash != hash)
            {
                throw new StoreException(
                    $"Cannot save step {definition}: its output '{relative}' changed while it was being saved. " +
                    $"Make sure nothing else writes to {source} once the step has finished.");
            }
            File.Move(temp, blob, overwrite: true);
        }
        finally
        {
            AtomicFile.DeleteQuietly(temp);
        }
        return new StoredFile(relative, size, hash);
    }

    /// <summary>
    /// An existing blob of the right size is reused (a flipped byte is caught when it is restored, which removes it, so
    /// the next save writes it afresh). Its modification time is refreshed so a concurrent prune's grace period covers it.
    /// </summary>
    private static bool TryReuse(string blob, long size)
    {
        try
        {
            var info = new FileInfo(blob);
            if (!info.Exists || info.Length != size)
            {
                return false;
            }
            File.SetLastWriteTimeUtc(blob, DateTime.UtcNow);
            return true;
        }
        catch (Exception e) when (e is FileNotFoundException or UnauthorizedAccessException)
        {
            // Removed meanwhile, or not ours to touch: write it again.
            return false;
        }
    }

    private void CheckMarker()
    {
        var marker = StoreJson.Object(StoreJson.Parse(AtomicFile.ReadAllText(_layout.Marker), _layout.Marker), _layout.Marker, "the store marker");
        var format = StoreJson.Int(marker["format"], _layout.Marker, "\"format\"");
        if (format != StoreLayout.FormatVersion)
        {
            throw new StoreException(
                $"{_layout.Marker}: store format {format} is not the one this skillmix uses ({StoreLayout.FormatVersion}). " +
                "Use the skillmix version that made the store, or point --store (or SKILLMIX_STORE) at a new folder.");
        }
    }

    private static StoreException NotAStore(string root) => new(
        $"{root} is not a SkillMix step store (it has no {StoreLayout.MarkerName}) and is not empty. " +
        "Point --store (or SKILLMIX_STORE) at an empty or new folder.");

    private static string RequireKey(string key) => ContentHash.IsValid(key)
        ? key
        : throw new ArgumentException($"'{key}' is not a step key (64 lower-case hex digits).", nameof(key));
}
