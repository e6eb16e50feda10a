using System.Text.Json.Nodes;

namespace SkillMix.Store.NuGet.Tests;

/// <summary>Store entries with known content for the feed tests.</summary>
internal static class Entries
{
    /// <summary>
    /// Saves a train step with three outputs: a.bin (<paramref name="size"/> pseudo-random bytes), copy.bin (the same
    /// bytes, so one shared blob) and notes/readme.txt.
    /// </summary>
    public static StepManifest Save(StepStore store, string work, int size, string seed = "one")
    {
        var folder = Path.Combine(work, "outputs-" + seed);
        Directory.CreateDirectory(Path.Combine(folder, "notes"));
        var bytes = new byte[size];
        new Random(seed.GetHashCode(StringComparison.Ordinal)).NextBytes(bytes);
        File.WriteAllBytes(Path.Combine(folder, "a.bin"), bytes);
        File.WriteAllBytes(Path.Combine(folder, "copy.bin"), bytes);
        File.WriteAllText(Path.Combine(folder, "notes", "readme.txt"), "trained on " + seed + "\n");
        var definition = new StepDefinition("train", "1", new Dictionary<string, JsonNode?> { ["Seed"] = seed, ["Size"] = size });
        return store.Save(definition, folder, new JsonObject { ["wallSeconds"] = 1.5 });
    }

    /// <summary>Restores the entry into a new folder and returns each file's bytes by relative path.</summary>
    public static IReadOnlyDictionary<string, byte[]> Restored(StepStore store, string key, string folder)
    {
        Assert.True(store.Restore(key, folder).Restored);
        return Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(folder, f).Replace('\\', '/'), File.ReadAllBytes);
    }
}
