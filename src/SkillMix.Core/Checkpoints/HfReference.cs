namespace SkillMix.Core.Checkpoints;

/// <summary>
/// Resolves a student reference to a checkpoint folder: <c>hf:&lt;folder&gt;</c> (a path), or <c>hf:&lt;org&gt;/&lt;name&gt;</c>
/// looked up first in the models folder (<c>SkillMixModelsDir</c>: <c>&lt;dir&gt;/&lt;org&gt;/&lt;name&gt;</c>), then in the
/// Hugging Face cache (<c>$HF_HUB_CACHE</c>, else <c>$HF_HOME/hub</c>, else <c>~/.cache/huggingface/hub</c>:
/// <c>models--&lt;org&gt;--&lt;name&gt;/snapshots/&lt;revision&gt;</c>, the revision that <c>refs/main</c> names). Nothing is downloaded.
/// </summary>
public static class HfReference
{
    public const string Prefix = "hf:";

    /// <summary>How to get a checkpoint, for error messages.</summary>
    public const string HowToGet =
        "Download it on a machine with network access, e.g. `huggingface-cli download <org>/<name>` (into the Hugging Face cache) or "
        + "`git clone https://huggingface.co/<org>/<name> <SkillMixModelsDir>/<org>/<name>`; builds never download weights.";

    /// <summary>The folder of a reference; a reference that names nothing on disk is an error listing where it looked.</summary>
    public static string Resolve(string reference, string? modelsDir = null, string? hubCache = null)
    {
        var path = reference.StartsWith(Prefix, StringComparison.Ordinal) ? reference[Prefix.Length..] : reference;
        if (Directory.Exists(path))
        {
            return Path.GetFullPath(path);
        }
        var looked = new List<string> { Path.GetFullPath(path) };
        var parts = path.Split('/');
        if (parts.Length == 2 && !Path.IsPathRooted(path) && parts.All(p => p.Length > 0 && p != "." && p != ".."))
        {
            if (modelsDir is { Length: > 0 })
            {
                var local = Path.GetFullPath(Path.Combine(modelsDir, parts[0], parts[1]));
                if (Directory.Exists(local))
                {
                    return local;
                }
                looked.Add(local + " (SkillMixModelsDir)");
            }
            var repo = Path.Combine(hubCache ?? DefaultHubCache(), $"models--{parts[0]}--{parts[1]}");
            if (Snapshot(repo) is { } snapshot)
            {
                return snapshot;
            }
            looked.Add(Path.Combine(repo, "snapshots", "<refs/main>") + " (Hugging Face cache)");
        }
        throw new CheckpointException(CheckpointException.NotFound,
            $"The student checkpoint '{reference}' was not found; looked in: {string.Join("; ", looked)}. " + HowToGet);
    }

    /// <summary>$HF_HUB_CACHE, else $HF_HOME/hub, else ~/.cache/huggingface/hub, as Hugging Face's libraries resolve it.</summary>
    public static string DefaultHubCache()
    {
        if (Environment.GetEnvironmentVariable("HF_HUB_CACHE") is { Length: > 0 } hub)
        {
            return hub;
        }
        var home = Environment.GetEnvironmentVariable("HF_HOME") is { Length: > 0 } h
            ? h
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "huggingface");
        return Path.Combine(home, "hub");
    }

    private static string? Snapshot(string repo)
    {
        var refMain = Path.Combine(repo, "refs", "main");
        if (File.Exists(refMain))
        {
            var snapshot = Path.Combine(repo, "snapshots", File.ReadAllText(refMain).Trim());
            return Directory.Exists(snapshot) ? snapshot : null;
        }
        // Without refs/main (a copied cache), a single snapshot is unambiguous.
        var snapshots = Directory.Exists(Path.Combine(repo, "snapshots")) ? Directory.GetDirectories(Path.Combine(repo, "snapshots")) : [];
        return snapshots.Length == 1 ? snapshots[0] : null;
    }
}
