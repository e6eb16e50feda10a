using SkillMix.Store;

namespace SkillMix.Build.Tasks.Packaging;

/// <summary>
/// Checks an extracted experiment package against its index and imports its steps into a store under their own keys, so
/// that a consuming experiment whose steps have those keys restores them instead of running them, and its model-call
/// records into the call store, so that steps it runs anew can replay those calls (<see cref="CallRecordImporter"/>).
/// </summary>
public static class ExperimentPackageReader
{
    /// <summary>The steps imported (step id, key), those the store already had, and what became of the call records.</summary>
    public sealed record ImportResult(IReadOnlyList<(string Id, string Key)> Imported, IReadOnlyList<(string Id, string Key)> AlreadyStored, CallImport Calls);

    /// <param name="skillmixFolder">The package's skillmix/ folder (in the NuGet package folder).</param>
    /// <param name="packageName">The package's id and version, for messages.</param>
    /// <param name="store">The store the steps are saved in.</param>
    /// <param name="work">A scratch folder for reassembled files; deleted afterwards.</param>
    /// <param name="callRoot">The call store's records folder; called only when the package carries call records.</param>
    public static ImportResult Import(string skillmixFolder, string packageName, StepStore store, string work, Func<string>? callRoot = null)
    {
        var indexFile = Path.Combine(skillmixFolder, PackageIndex.FileName);
        if (!File.Exists(indexFile))
        {
            throw new PackageIntegrityException($"Package {packageName} has no skillmix/{PackageIndex.FileName}: it is not an experiment package packed by SkillMix.Sdk.");
        }
        var index = PackageIndex.Parse(File.ReadAllText(indexFile), $"Package {packageName}: skillmix/{PackageIndex.FileName}");
        if (Directory.Exists(work))
        {
            Directory.Delete(work, recursive: true);
        }
        try
        {
            // Every file is checked (and split ones joined) before anything reaches the store.
            var files = index.Files.ToDictionary(f => f.Path, f => Verified(skillmixFolder, packageName, f, work), StringComparer.Ordinal);
            var calls = CallRecordImporter.Check(files, packageName);
            var imported = new List<(string, string)>();
            var already = new List<(string, string)>();
            foreach (var step in index.Files.Where(f => f.Path.StartsWith("steps/", StringComparison.Ordinal) && f.Path.EndsWith("/step.json", StringComparison.Ordinal)))
            {
                var id = step.Path["steps/".Length..^"/step.json".Length];
                var manifestJson = File.ReadAllText(files[step.Path]);
                var manifest = StepManifest.Parse(manifestJson, $"Package {packageName}: skillmix/{step.Path}");
                if (store.Contains(manifest.Key))
                {
                    already.Add((id, manifest.Key));
                    continue;
                }
                // The store's own import hashes every output against the step's manifest as it copies it in.
                store.Import(manifest.Key, manifestJson, $"Package {packageName}: skillmix/{step.Path}", output =>
                {
                    var packaged = $"steps/{id}/files/{output.Path}";
                    return files.TryGetValue(packaged, out var source)
                        ? File.OpenRead(source)
                        : throw new PackageIntegrityException($"Package {packageName}: skillmix/{packaged} is missing; the step's manifest (skillmix/{step.Path}) lists it.");
                });
                imported.Add((id, manifest.Key));
            }
            var callImport = calls.Count == 0 ? CallImport.None : CallRecordImporter.Write(calls, (callRoot ?? CallRecordFiles.DefaultRoot)());
            return new ImportResult(imported, already, callImport);
        }
        finally
        {
            if (Directory.Exists(work))
            {
                Directory.Delete(work, recursive: true);
            }
        }
    }

    /// <summary>The path of the file's checked content: in the package itself, or joined from its parts in the scratch folder.</summary>
    private static string Verified(string skillmixFolder, string packageName, PackagedFile file, string work)
    {
        var path = Path.Combine(skillmixFolder, file.Path);
        if (file.Parts.Count > 0)
        {
            path = Path.Combine(work, "joined", file.Path);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            using var output = File.Create(path);
            foreach (var part in file.Parts)
            {
                var partPath = Path.Combine(skillmixFolder, part.Path);
                Check(partPath, part.Size, part.Sha256, packageName, part.Path);
                using var input = File.OpenRead(partPath);
                input.CopyTo(output);
            }
        }
        Check(path, file.Size, file.Sha256, packageName, file.Path);
        return path;
    }

    private static void Check(string path, long size, string sha256, string packageName, string entry)
    {
        if (!File.Exists(path))
        {
            throw new PackageIntegrityException($"Package {packageName}: skillmix/{entry} is listed in skillmix/{PackageIndex.FileName} but missing.");
        }
        var actualSize = new FileInfo(path).Length;
        var actual = ContentHash.OfFile(path);
        if (actualSize != size || actual != sha256)
        {
            throw new PackageIntegrityException(
                $"Package {packageName}: skillmix/{entry} does not match its SHA-256 in skillmix/{PackageIndex.FileName} (expected {ContentHash.Short(sha256)}…, {size} bytes; found {ContentHash.Short(actual)}…, {actualSize} bytes). The package was altered after it was packed: restore it again from a trusted source.");
        }
    }
}
