using System.IO.Compression;
using SkillMix.FakeModelServer;

namespace SkillMix.EndToEnd.Tests;

/// <summary>
/// An experiment whose second grader is an API model (the fake Anthropic server on 127.0.0.1) is packed with its call
/// records; a consumer with an empty step store and an empty call store, no key and the server gone, builds the same
/// experiment in replay mode from the package: the grader's steps run again and every call is answered by a packaged record.
/// The variables are set for the child builds only.
/// </summary>
[Collection(DotnetBuilds.Name)]
public sealed class CallRecordPackageTests : IDisposable
{
    private const string PackageId = "SkillMix.EndToEnd.CallRecords";

    private const string SecondGrader = "anthropic:claude-sonnet-4-5";

    private const string FullMarks =
        "Here's the grading table:\n| Criteria | Points Earned |\n|---|---|\n| a | 1 |\n| b | 1 |\n| c | 1 |\n| d | 1 |\n| e | 1 |\n"
        + "| f | 1 |\n| g | 1 |\n| h | 1 |\n| Total Points Earned | 8 |\nExplanation: every point is earned.";

    private readonly string _root = Directory.CreateTempSubdirectory("skillmix-e2e-calls-").FullName;

    private readonly string _version = $"1.0.0-e2e.c{Guid.NewGuid():N}"[..27];

    private string Folder(string name) => Directory.CreateDirectory(Path.Combine(_root, name)).FullName;

    [Fact]
    public async Task A_consumer_without_a_key_replays_the_graders_calls_from_the_package()
    {
        var feed = Folder("feed");
        var producerCalls = Folder("producer-calls");
        using var producer = ExperimentFolder.CopyOf("QuickStart");
        Uri endpoint;
        BuildRun pack;
        int requests;
        await using (var server = await FakeServer.StartAsync(new FakeServerOptions
        {
            RequiredKey = "sk-ant-test-only",
            Lifetime = TimeSpan.FromMinutes(8),
            Reply = _ => FullMarks,
            ReportedModel = _ => "claude-sonnet-4-5-20250929",
        }))
        {
            endpoint = server.BaseAddress;
            pack = BuildRun.Dotnet(Path.GetDirectoryName(producer.Project)!, TimeSpan.FromMinutes(8),
                new Dictionary<string, string?>
                {
                    ["ANTHROPIC_API_KEY"] = "sk-ant-test-only", ["ANTHROPIC_BASE_URL"] = endpoint.ToString(),
                    ["SKILLMIX_CALLS"] = producerCalls, ["SKILLMIX_CALL_MODE"] = null,
                },
                "pack", producer.Project, "-nr:false", "-o", feed, "-p:Profile=smoke", $"-p:SkillMixStore={Folder("producer-store")}",
                $"-p:SecondGrader={SecondGrader}", "-p:SkillMixPackCallRecords=true", $"-p:PackageId={PackageId}", $"-p:PackageVersion={_version}");
            requests = server.RequestCount;
        }
        Assert.True(pack.ExitCode == 0, pack.ToString());
        Assert.True(requests > 0, "the second grader made no call");

        // The package holds exactly the records the grade2 steps listed: here every call the experiment made.
        var listed = Directory.GetDirectories(Path.Combine(Path.GetDirectoryName(producer.Project)!, "obj", "skillmix", "out"), "grade2.*")
            .SelectMany(step => File.ReadLines(Path.Combine(step, "calls.txt"))).ToHashSet(StringComparer.Ordinal);
        var stored = Directory.EnumerateFiles(producerCalls, "*.json", SearchOption.AllDirectories).Select(Path.GetFileNameWithoutExtension).ToHashSet(StringComparer.Ordinal);
        Assert.NotEmpty(listed);
        Assert.Equal(stored.Order(StringComparer.Ordinal), listed.Order(StringComparer.Ordinal));
        using (var zip = ZipFile.OpenRead(Path.Combine(feed, $"{PackageId}.{_version}.nupkg")))
        {
            var packed = zip.Entries.Where(e => e.FullName.StartsWith("skillmix/calls/", StringComparison.Ordinal))
                .Select(e => Path.GetFileNameWithoutExtension(e.Name)).ToHashSet(StringComparer.Ordinal);
            Assert.Equal(listed.Order(StringComparer.Ordinal), packed.Order(StringComparer.Ordinal));
            Assert.All(zip.Entries.Where(e => e.FullName.StartsWith("skillmix/calls/", StringComparison.Ordinal)),
                e => Assert.Equal($"skillmix/calls/{e.Name[..2]}/{e.Name}", e.FullName));
            // Offline steps made no API call and list none.
            Assert.DoesNotContain(zip.Entries, e => e.FullName.StartsWith("skillmix/steps/", StringComparison.Ordinal));
        }

        // The consumer: empty store and call store, no key, replay only; the server has stopped, its address is kept
        // because a call's key names the endpoint it was made to.
        using var consumer = ExperimentFolder.CopyOf("QuickStart", text => text.Replace("  <ItemGroup>\n",
            $"  <ItemGroup>\n    <SkillMixArtifact Include=\"{PackageId}\" Version=\"{_version}\" />\n", StringComparison.Ordinal));
        File.WriteAllText(Path.Combine(consumer.Root, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="skillmix-local" value="{feed}" />
              </packageSources>
            </configuration>
            """);
        var consumerCalls = Folder("consumer-calls");
        var run = BuildRun.Dotnet(Path.GetDirectoryName(consumer.Project)!, TimeSpan.FromMinutes(8),
            new Dictionary<string, string?>
            {
                ["ANTHROPIC_API_KEY"] = null, ["ANTHROPIC_BASE_URL"] = endpoint.ToString(),
                ["SKILLMIX_CALLS"] = consumerCalls, ["SKILLMIX_CALL_MODE"] = "replay",
            },
            "build", consumer.Project, "-nr:false", "-v:n", "-p:Profile=smoke", $"-p:SkillMixStore={Folder("consumer-store")}",
            $"-p:SecondGrader={SecondGrader}");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains($"SkillMix: package {PackageId} {_version}: {listed.Count} call records imported into the call store, 0 already there.", run.Output);
        var grade2 = run.Ran.Where(id => id.StartsWith("grade2.", StringComparison.Ordinal)).ToList();
        Assert.Equal(12, grade2.Count);
        Assert.Empty(run.Restored);
        Assert.Equal(listed.Order(StringComparer.Ordinal),
            Directory.EnumerateFiles(consumerCalls, "*.json", SearchOption.AllDirectories).Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal));
        // The replayed grader gave the same points: the agreement table is the producer's.
        Assert.Equal(Agreement(producer), Agreement(consumer));
        Assert.Contains("| sense | 0.00 | [0.00, 0.00] | 0.0% | 208 |", Agreement(consumer));
    }

    private static string Agreement(ExperimentFolder experiment)
    {
        var results = File.ReadAllText(Path.Combine(experiment.Results, "results.md"));
        var start = results.IndexOf("## Agreement between graders", StringComparison.Ordinal);
        Assert.True(start >= 0, results);
        var end = results.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        return end < 0 ? results[start..] : results[start..end];
    }

    public void Dispose()
    {
        PackedSdk.DeleteQuietly(_root);
        PackedSdk.DeleteQuietly(Path.Combine(PackedSdk.PackagesFolder, PackageId.ToLowerInvariant(), _version));
    }
}
