using System.Text.Json.Nodes;
using SkillMix.Experiments.Planning;
using SkillMix.Store;

namespace SkillMix.Build.Tasks.Packaging;

/// <summary>
/// A step of the experiment as its last build left it: the store manifest it was restored or saved under, and the folder
/// its outputs are in. Packing reads outputs only through <see cref="CheckedOutput"/>, so nothing changed since is packed.
/// </summary>
internal sealed record BuiltStep(string Id, string ManifestFile, StepManifest Manifest, string OutputDirectory)
{
    public static BuiltStep Read(string stepsDirectory, string id)
    {
        var layout = new ExperimentLayout(stepsDirectory);
        var stepFile = layout.StepFile(id);
        var manifestFile = layout.ManifestCopy(id);
        if (!File.Exists(manifestFile))
        {
            throw new InvalidOperationException($"Step {id} has not run ({manifestFile} is missing): build the experiment before packing it.");
        }
        var manifest = StepManifest.Parse(File.ReadAllText(manifestFile), manifestFile);
        var outputs = (string?)JsonNode.Parse(File.ReadAllText(stepFile))?["outputDirectory"]
            ?? throw new InvalidOperationException($"{stepFile} names no outputDirectory.");
        return new BuiltStep(id, manifestFile, manifest, outputs);
    }

    /// <summary>The path of a stored output, which must still hash to its manifest's blob.</summary>
    public string CheckedOutput(StoredFile stored)
    {
        var path = Path.Combine(OutputDirectory, stored.Path);
        if (!File.Exists(path) || ContentHash.OfFile(path) != stored.Blob)
        {
            throw new InvalidOperationException($"The output '{stored.Path}' of step {Id} ({path}) is missing or changed since the step ran: build the experiment again before packing it.");
        }
        return path;
    }
}
