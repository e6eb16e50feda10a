namespace SkillMix.EndToEnd.Tests;

/// <summary>
/// SkillMix.Sdk packed from this repository into a local feed in a temporary folder, under a version no earlier run used,
/// so the machine's NuGet folder cannot hand back a stale copy. The tools are the ones the tests were built with.
/// </summary>
public sealed class PackedSdk : IDisposable
{
    public PackedSdk()
    {
        Feed = Directory.CreateTempSubdirectory("skillmix-e2e-feed-").FullName;
        Version = $"0.1.0-e2e.t{Guid.NewGuid():N}"[..27];
        Pack = BuildRun.Dotnet(Repository.Root, TimeSpan.FromMinutes(6),
            "pack", Path.Combine(Repository.Root, "sdk", "SkillMix.Sdk", "SkillMix.Sdk.csproj"), "-nr:false",
            "-c", Repository.Configuration, "-o", Feed, $"-p:SkillMixVersion={Version}");
    }

    public string Feed { get; }

    public string Version { get; }

    public BuildRun Pack { get; }

    /// <summary>The machine's NuGet package folder, where restore puts the SDK and libtorch.</summary>
    public static string PackagesFolder { get; } = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
        ? configured
        : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    public string Package => Path.Combine(Feed, $"SkillMix.Sdk.{Version}.nupkg");

    /// <summary>
    /// A folder outside the repository as a user would set it up: global.json naming the SDK's version, nuget.config adding
    /// the local feed to the machine's sources (which serve libtorch), and the given project file.
    /// </summary>
    public string WriteProject(string name, string projectXml)
    {
        var root = Directory.CreateTempSubdirectory("skillmix-e2e-outside-").FullName;
        File.WriteAllText(Path.Combine(root, "global.json"), $$"""{ "msbuild-sdks": { "SkillMix.Sdk": "{{Version}}" } }""");
        NuGetConfig.WriteLocalFeed(root, Feed);
        var folder = Path.Combine(root, name);
        Directory.CreateDirectory(folder);
        var project = Path.Combine(folder, name + ".csproj");
        File.WriteAllText(project, projectXml);
        return project;
    }

    public void Dispose()
    {
        // The throw-away version would otherwise stay in the machine's NuGet folder for good.
        DeleteQuietly(Path.Combine(PackagesFolder, "skillmix.sdk", Version.ToLowerInvariant()));
        DeleteQuietly(Feed);
    }

    internal static void DeleteQuietly(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (IOException)
        {
            // A build server that still holds a file keeps a temporary folder; the next run uses new names.
        }
    }
}
