using SkillMix.Store;

namespace SkillMix.Build.Tasks.Packaging;

/// <summary>
/// Lays out the skillmix/ folder of an experiment package: the project file, the results, the chosen steps' outputs with
/// their store manifests, the model-call records of the chosen steps (<see cref="CallRecordPacker"/>), every file above
/// <c>partSize</c> cut into parts, and the index (package.json) with the SHA-256 of every file and part.
/// </summary>
public static class ExperimentPackageWriter
{
    public static PackageIndex Write(string staging, string experiment, string projectFile, string resultsDirectory,
        string stepsDirectory, IEnumerable<string> stepIds, long partSize, CallRecordSelection? calls = null)
    {
        if (partSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(partSize), partSize, "The part size must be at least one byte.");
        }
        if (Directory.Exists(staging))
        {
            Directory.Delete(staging, recursive: true);
        }
        Directory.CreateDirectory(staging);

        CopyFile(projectFile, Path.Combine(staging, "experiment", Path.GetFileName(projectFile)));
        if (Directory.Exists(resultsDirectory))
        {
            foreach (var file in Directory.EnumerateFiles(resultsDirectory, "*", SearchOption.AllDirectories))
            {
                CopyFile(file, Path.Combine(staging, "results", Path.GetRelativePath(resultsDirectory, file)));
            }
        }
        foreach (var id in stepIds)
        {
            CopyStep(staging, stepsDirectory, id);
        }
        if (calls is not null)
        {
            CallRecordPacker.Stage(staging, stepsDirectory, calls.StepIds, calls.Root);
        }

        var files = new List<PackagedFile>();
        foreach (var file in Directory.EnumerateFiles(staging, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList())
        {
            files.Add(Split(staging, file, partSize));
        }
        var index = new PackageIndex(experiment, StepManifest.CurrentToolVersion, files);
        File.WriteAllText(Path.Combine(staging, PackageIndex.FileName), index.ToJson());
        return index;
    }

    /// <summary>A step's outputs as the store recorded them: every file must still hash to its manifest's blob.</summary>
    private static void CopyStep(string staging, string stepsDirectory, string id)
    {
        var step = BuiltStep.Read(stepsDirectory, id);
        var target = Path.Combine(staging, "steps", id);
        foreach (var stored in step.Manifest.Files)
        {
            CopyFile(step.CheckedOutput(stored), Path.Combine(target, "files", stored.Path));
        }
        CopyFile(step.ManifestFile, Path.Combine(target, "step.json"));
    }

    private static PackagedFile Split(string staging, string file, long partSize)
    {
        var relative = Path.GetRelativePath(staging, file).Replace('\\', '/');
        var size = new FileInfo(file).Length;
        var hash = ContentHash.OfFile(file);
        if (size <= partSize)
        {
            return new PackagedFile(relative, size, hash, []);
        }
        var parts = new List<PackagedPart>();
        var buffer = new byte[(int)Math.Min(partSize, 1 << 20)];
        using (var input = File.OpenRead(file))
        {
            for (var number = 0; input.Position < size; number++)
            {
                var partPath = $"{file}.part{number:D3}";
                using (var output = File.Create(partPath))
                {
                    var left = Math.Min(partSize, size - input.Position);
                    while (left > 0)
                    {
                        var read = input.Read(buffer, 0, (int)Math.Min(buffer.Length, left));
                        output.Write(buffer, 0, read);
                        left -= read;
                    }
                }
                parts.Add(new PackagedPart($"{relative}.part{number:D3}", new FileInfo(partPath).Length, ContentHash.OfFile(partPath)));
            }
        }
        File.Delete(file);
        return new PackagedFile(relative, size, hash, parts);
    }

    private static void CopyFile(string source, string destination)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
        File.Copy(source, destination, overwrite: true);
    }
}
