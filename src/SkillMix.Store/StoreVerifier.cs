using System.Security.Cryptography;

namespace SkillMix.Store;

/// <summary>
/// Re-hashes every blob, removes those whose content no longer matches their name, then removes every manifest that is
/// unreadable or refers to a blob that is missing, damaged or of the wrong size.
/// </summary>
internal sealed class StoreVerifier(StepStore store)
{
    public VerifyReport Run()
    {
        var layout = store.Layout;
        var problems = new List<string>();
        var corrupt = new HashSet<string>(StringComparer.Ordinal);
        var blobs = 0;
        long bytes = 0;
        foreach (var (hash, path) in layout.Blobs())
        {
            string actual;
            try
            {
                using var stream = AtomicFile.OpenRead(path);
                actual = Convert.ToHexStringLower(SHA256.HashData(stream));
                bytes += stream.Length;
            }
            catch (FileNotFoundException)
            {
                continue;
            }
            blobs++;
            if (actual != hash)
            {
                AtomicFile.DeleteQuietly(path);
                corrupt.Add(hash);
                problems.Add($"blob {hash} does not match its hash (its content hashes to {ContentHash.Short(actual)}); removed.");
            }
        }

        var entries = 0;
        foreach (var (key, path) in layout.Manifests())
        {
            StepManifest manifest;
            try
            {
                manifest = StepManifest.Parse(AtomicFile.ReadAllText(path), path);
            }
            catch (FileNotFoundException)
            {
                continue;
            }
            catch (StoreException e)
            {
                entries++;
                store.Remove(key, null);
                problems.Add($"entry {key}: {e.Message} Entry removed.");
                continue;
            }
            entries++;
            if (FirstProblem(manifest, corrupt) is { } problem)
            {
                store.Remove(key, null);
                problems.Add($"entry {key} ({manifest.Definition.Kind}): {problem}; entry removed.");
            }
        }
        return new VerifyReport(entries, blobs, bytes, problems);
    }

    private string? FirstProblem(StepManifest manifest, HashSet<string> corrupt)
    {
        foreach (var file in manifest.Files)
        {
            if (corrupt.Contains(file.Blob))
            {
                return $"the blob {ContentHash.Short(file.Blob)} of '{file.Path}' was damaged";
            }
            var blob = new FileInfo(store.Layout.Blob(file.Blob));
            if (!blob.Exists)
            {
                return $"the blob {ContentHash.Short(file.Blob)} of '{file.Path}' is missing";
            }
            if (blob.Length != file.Size)
            {
                return $"'{file.Path}' is listed as {file.Size} bytes but its blob holds {blob.Length}";
            }
        }
        return null;
    }
}
