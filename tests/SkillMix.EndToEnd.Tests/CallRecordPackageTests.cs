using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using SkillMix.FakeModelServer;

namespace SkillMix.EndToEnd.Tests;

/// <summary>
/// An experiment whose second grader is an API model (the fake Anthropic server on 127.0.0.1) is packed with its call
/// records; a consumer with an empty step store and an empty call store, no key and the server gone, builds the same
/// experiment in replay mode from the package: the grader's steps run again and every call is answered by a packaged record.
/// A package whose record was re-keyed is refused with SKMX036. The variables are set for the child builds only.
/// </summary>
[Collection(DotnetBuilds.Name)]
public sealed class CallRecordPackageTests(CallRecordPackageTests.Producer producer) : IClassFixture<CallRecordPackageTests.Producer>
{
    private const string PackageId = "SkillMix.EndToEnd.CallRecords";

    private const string SecondGrader = "anthropic:claude-sonnet-4-5";

    /// <summary>QuickStart smoke with the second grader on the fake server, packed with its call records into a local feed.</summary>
    public sealed class Producer : IDisposable
    {
        private const string FullMarks =
            "Here's the grading table:\n| Criteria | Points Earned |\n|---|---|\n| a | 1 |\n| b | 1 |\n| c | 1 |\n| d | 1 |\n| e | 1 |\n"
            + "| f | 1 |\n| g | 1 |\n| h | 1 |\n| Total Points Earned | 8 |\nExplanation: every point is earned.";

        public Producer()
        {
            Feed = Folder("feed");
            Calls = Folder("producer-calls");
            Experiment = ExperimentFolder.CopyOf("QuickStart");
            var server = FakeServer.StartAsync(new FakeServerOptions
            {
                RequiredKey = "sk-ant-test-only",
                Lifetime = TimeSpan.FromMinutes(8),
                Reply = _ => FullMarks,
                ReportedModel = _ => "claude-sonnet-4-5-20250929",
            }).GetAwaiter().GetResult();
            try
            {
                Endpoint = server.BaseAddress.ToString();
                Pack = BuildRun.Dotnet(Path.GetDirectoryName(Experiment.Project)!, TimeSpan.FromMinutes(8),
                    new Dictionary<string, string?>
                    {
                        ["ANTHROPIC_API_KEY"] = "sk-ant-test-only", ["ANTHROPIC_BASE_URL"] = Endpoint,
                        ["SKILLMIX_CALLS"] = Calls, ["SKILLMIX_CALL_MODE"] = null,
                    },
                    "pack", Experiment.Project, "-nr:false", "-o", Feed, "-p:Profile=smoke", $"-p:SkillMixStore={Folder("producer-store")}",
                    $"-p:SecondGrader={SecondGrader}", "-p:SkillMixPackCallRecords=true", $"-p:PackageId={PackageId}", $"-p:PackageVersion={Version}");
                Requests = server.RequestCount;
            }
            finally
            {
                server.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
        }

        public string Root { get; } = Directory.CreateTempSubdirectory("skillmix-e2e-calls-").FullName;

        public string Version { get; } = NewVersion();

        public string Feed { get; }

        public string Calls { get; }

        /// <summary>The fake server's address: a call's key names its endpoint, so consumers keep it after the server stopped.</summary>
        public string Endpoint { get; }

        public ExperimentFolder Experiment { get; }

        public BuildRun Pack { get; }

        public int Requests { get; }

        public string Package(string version) => Path.Combine(Feed, $"{PackageId}.{version}.nupkg");

        public string Folder(string name) => Directory.CreateDirectory(Path.Combine(Root, name)).FullName;

        public void Dispose()
        {
            Experiment.Dispose();
            PackedSdk.DeleteQuietly(Root);
            var installed = Path.Combine(PackedSdk.PackagesFolder, PackageId.ToLowerInvariant());
            foreach (var version in Directory.Exists(installed) ? Directory.GetDirectories(installed, "1.0.0-e2e.*") : [])
            {
                PackedSdk.DeleteQuietly(version);
            }
        }
    }

    private static string NewVersion() => $"1.0.0-e2e.c{Guid.NewGuid():N}"[..27];

    [Fact]
    public void A_consumer_without_a_key_replays_the_graders_calls_from_the_package()
    {
        Assert.True(producer.Pack.ExitCode == 0, producer.Pack.ToString());
        Assert.True(producer.Requests > 0, "the second grader made no call");

        // The package holds exactly the records the grade2 steps listed: here every call the experiment made. Steps of
        // the offline teacher and grader made none and list none.
        var outputs = Path.Combine(Path.GetDirectoryName(producer.Experiment.Project)!, "obj", "skillmix", "out");
        var listed = Directory.GetDirectories(outputs, "grade2.*")
            .SelectMany(step => File.ReadLines(Path.Combine(step, "calls.txt"))).ToHashSet(StringComparer.Ordinal);
        Assert.DoesNotContain(Directory.GetDirectories(outputs), d => !Path.GetFileName(d).StartsWith("grade2.", StringComparison.Ordinal) && File.Exists(Path.Combine(d, "calls.txt")));
        var stored = Directory.EnumerateFiles(producer.Calls, "*.json", SearchOption.AllDirectories).Select(Path.GetFileNameWithoutExtension);
        Assert.NotEmpty(listed);
        Assert.Equal(stored.Order(StringComparer.Ordinal), listed.Order(StringComparer.Ordinal));
        using (var zip = ZipFile.OpenRead(producer.Package(producer.Version)))
        {
            var calls = zip.Entries.Where(e => e.FullName.StartsWith("skillmix/calls/", StringComparison.Ordinal)).ToList();
            Assert.Equal(listed.Order(StringComparer.Ordinal), calls.Select(e => Path.GetFileNameWithoutExtension(e.Name)).Order(StringComparer.Ordinal));
            Assert.All(calls, e => Assert.Equal($"skillmix/calls/{e.Name[..2]}/{e.Name}", e.FullName));
            Assert.DoesNotContain(zip.Entries, e => e.FullName.StartsWith("skillmix/steps/", StringComparison.Ordinal));
        }

        // The consumer: empty store and call store, no key, replay only, the server gone.
        using var consumer = Consumer(producer.Version);
        var consumerCalls = producer.Folder("consumer-calls");
        var run = Build(consumer, consumerCalls);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains($"SkillMix: package {PackageId} {producer.Version}: {listed.Count} call records imported into the call store, 0 already there.", run.Output);
        Assert.Equal(12, run.Ran.Count(id => id.StartsWith("grade2.", StringComparison.Ordinal)));
        Assert.Empty(run.Restored);
        Assert.Equal(listed.Order(StringComparer.Ordinal),
            Directory.EnumerateFiles(consumerCalls, "*.json", SearchOption.AllDirectories).Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal));
        // The replayed grader gave the same points: the agreement table is the producer's.
        Assert.Equal(Agreement(producer.Experiment), Agreement(consumer));
        Assert.Contains("| sense | 0.00 | [0.00, 0.00] | 0.0% | 208 |", Agreement(consumer));
    }

    [Fact]
    public void A_record_whose_request_does_not_hash_to_its_key_stops_the_build_before_any_step()
    {
        Assert.True(producer.Pack.ExitCode == 0, producer.Pack.ToString());
        // Someone edits a packaged grading request and fixes up the index: the SHA-256 check passes, the key check does not.
        var version = NewVersion();
        File.Copy(producer.Package(producer.Version), producer.Package(version));
        string altered;
        using (var zip = ZipFile.Open(producer.Package(version), ZipArchiveMode.Update))
        {
            var record = zip.Entries.Where(e => e.FullName.StartsWith("skillmix/calls/", StringComparison.Ordinal)).OrderBy(e => e.FullName, StringComparer.Ordinal).First();
            altered = record.FullName;
            var original = Read(record);
            var text = original.Replace("\"claude-sonnet-4-5\"", "\"claude-opus-4-5\"", StringComparison.Ordinal);
            Assert.NotEqual(original, text);
            Write(zip, altered, text);
            var index = JsonNode.Parse(Read(zip.GetEntry("skillmix/package.json")!))!;
            var entry = index["files"]!.AsArray().Single(f => "skillmix/" + (string)f!["path"]! == altered)!;
            var bytes = Encoding.UTF8.GetBytes(text);
            entry["size"] = bytes.Length;
            entry["sha256"] = Convert.ToHexStringLower(SHA256.HashData(bytes));
            Write(zip, "skillmix/package.json", index.ToJsonString());
            Write(zip, $"{PackageId}.nuspec", Read(zip.GetEntry($"{PackageId}.nuspec")!).Replace($"<version>{producer.Version}</version>", $"<version>{version}</version>", StringComparison.Ordinal));
        }
        using var consumer = Consumer(version);
        var consumerCalls = producer.Folder("tampered-calls");
        var run = Build(consumer, consumerCalls);
        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("error SKMX036", run.Output);
        Assert.Contains($"Package {PackageId} {version}: {altered}: the call record's request does not hash to its key", run.Output);
        Assert.Empty(run.Ran);
        Assert.Empty(Directory.EnumerateFiles(consumerCalls, "*", SearchOption.AllDirectories));
    }

    private ExperimentFolder Consumer(string version) => ExperimentFolder.QuickStartConsuming(PackageId, version, producer.Feed);

    /// <summary>The consumer's build: an empty step store and call store, no key, replay only.</summary>
    private BuildRun Build(ExperimentFolder consumer, string calls) =>
        BuildRun.Dotnet(Path.GetDirectoryName(consumer.Project)!, TimeSpan.FromMinutes(8),
            new Dictionary<string, string?>
            {
                ["ANTHROPIC_API_KEY"] = null, ["ANTHROPIC_BASE_URL"] = producer.Endpoint,
                ["SKILLMIX_CALLS"] = calls, ["SKILLMIX_CALL_MODE"] = "replay",
            },
            "build", consumer.Project, "-nr:false", "-v:n", "-p:Profile=smoke", $"-p:SkillMixStore={producer.Folder("consumer-store-" + Guid.NewGuid().ToString("N")[..8])}",
            $"-p:SecondGrader={SecondGrader}");

    private static string Agreement(ExperimentFolder experiment)
    {
        var results = File.ReadAllText(Path.Combine(experiment.Results, "results.md"));
        var start = results.IndexOf("## Agreement between graders", StringComparison.Ordinal);
        Assert.True(start >= 0, results);
        var end = results.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        return end < 0 ? results[start..] : results[start..end];
    }

    private static string Read(ZipArchiveEntry entry)
    {
        using var reader = new StreamReader(entry.Open(), Encoding.UTF8);
        return reader.ReadToEnd();
    }

    private static void Write(ZipArchive zip, string name, string text)
    {
        zip.GetEntry(name)?.Delete();
        using var writer = new StreamWriter(zip.CreateEntry(name).Open(), new UTF8Encoding(false));
        writer.Write(text);
    }
}
