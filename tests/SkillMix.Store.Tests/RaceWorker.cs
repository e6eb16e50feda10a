using System.Text.Json.Nodes;

namespace SkillMix.Store.Tests;

/// <summary>
/// One of several writers racing on the same store: each round it saves the same step (same key, same content, its own
/// metadata) and restores it into a folder shared by every writer, then checks what it restored. Used by parallel tasks
/// and, through <see cref="Program"/>, by separate processes.
/// </summary>
internal static class RaceWorker
{
    public const int Rounds = 10;

    public static StepDefinition Definition(int round) =>
        new("race", "1", new Dictionary<string, JsonNode?> { ["Round"] = round });

    /// <summary>Content that depends only on the round, large enough that copies overlap in time.</summary>
    public static string Content(int round, int file) => string.Concat(Enumerable.Repeat($"round {round} file {file};", 2000));

    public static List<string> Run(string storePath, string workFolder, string writer)
    {
        var problems = new List<string>();
        var store = StepStore.Open(storePath);
        for (var round = 0; round < Rounds; round++)
        {
            var outputs = Path.Combine(workFolder, $"{writer}-out-{round}");
            Directory.CreateDirectory(Path.Combine(outputs, "sub"));
            File.WriteAllText(Path.Combine(outputs, "a.txt"), Content(round, 0));
            File.WriteAllText(Path.Combine(outputs, "sub", "b.txt"), Content(round, 1));

            store.Save(Definition(round), outputs, new JsonObject { ["writer"] = writer });
            var shared = Path.Combine(workFolder, $"restored-{round}");
            var result = store.Restore(Definition(round).Key, shared);
            if (!result.Restored)
            {
                problems.Add($"{writer} round {round}: {result.Describe()}");
                continue;
            }
            if (File.ReadAllText(Path.Combine(shared, "a.txt")) != Content(round, 0)
                || File.ReadAllText(Path.Combine(shared, "sub", "b.txt")) != Content(round, 1))
            {
                problems.Add($"{writer} round {round}: restored content differs from what was saved");
            }
        }
        return problems;
    }
}
