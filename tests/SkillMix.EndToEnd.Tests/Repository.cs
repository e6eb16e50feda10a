namespace SkillMix.EndToEnd.Tests;

/// <summary>Where the repository is, found from the test assembly's folder.</summary>
internal static class Repository
{
    public static string Root { get; } = Find();

    public static string SdkFolder => Path.Combine(Root, "sdk", "SkillMix.Sdk", "Sdk");

    /// <summary>The configuration these tests were built in (bin/&lt;Configuration&gt;/net10.0), so the CLI they built is reused.</summary>
    public static string Configuration { get; } = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Parent!.Name;

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SkillMix.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"No SkillMix.sln above {AppContext.BaseDirectory}.");
    }
}
