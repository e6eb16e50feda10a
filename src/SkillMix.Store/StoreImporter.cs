namespace SkillMix.Store;

/// <summary>
/// Brings an entry from elsewhere (a remote cache) into the store. Nothing from outside is trusted: the manifest must parse
/// and hash to the key that was asked for, and every blob is hashed as it is copied; only content that matches its name
/// is kept, and the manifest is written last, so a rejected entry never appears in the store.
/// </summary>
internal sealed class StoreImporter(StepStore store)
{
    public StepManifest Import(string key, string manifestJson, string source, Func<StoredFile, Stream> openBlob)
    {
        var manifest = StepManifest.Parse(manifestJson, source);
        if (manifest.Key != key)
        {
            throw new StoreException($"{source}: holds the entry {manifest.Key}, not the requested {key}; it was not imported.");
        }
        foreach (var file in manifest.Files)
        {
            var blob = store.Layout.Blob(file.Blob);
            Directory.CreateDirectory(Path.GetDirectoryName(blob)!);
            using var content = openBlob(file);
            var (temp, hash, size) = AtomicFile.CopyToTemp(content, blob);
            try
            {
                if (hash != file.Blob || size != file.Size)
                {
                    throw new StoreException(
                        $"{source}: the content of '{file.Path}' does not match the manifest ({size} bytes hashing to " +
                        $"{ContentHash.Short(hash)}, expected {file.Size} bytes hashing to {ContentHash.Short(file.Blob)}); " +
                        "the entry was rejected.");
                }
                File.Move(temp, blob, overwrite: true);
            }
            finally
            {
                AtomicFile.DeleteQuietly(temp);
            }
        }
        AtomicFile.WriteAllText(store.Layout.Manifest(key), manifest.ToJson(), flush: false);
        AtomicFile.Touch(store.Layout.UsedMark(key));
        return manifest;
    }
}
