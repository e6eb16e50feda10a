namespace SkillMix.EndToEnd.Tests;

/// <summary>The nuget.config of a test project that restores from one local feed as well as the machine's sources.</summary>
internal static class NuGetConfig
{
    public static void WriteLocalFeed(string folder, string feed) =>
        File.WriteAllText(Path.Combine(folder, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="skillmix-local" value="{feed}" />
              </packageSources>
            </configuration>
            """);
}
