using System.IO.Compression;
using System.Text;

namespace SkillMix.EndToEnd.Tests;

/// <summary>
/// `dotnet pack` of the QuickStart smoke experiment with its datasets, split into tiny parts, and a second experiment that
/// takes those datasets from the package instead of generating them; a package altered after packing is refused.
/// </summary>
[Collection(DotnetBuilds.Name)]
public sealed class ExperimentPackageTests(ExperimentPackageTests.PackedExperiment packed) : IClassFixture<ExperimentPackageTests.PackedExperiment>
{
    /// <summary>QuickStart smoke built into its own store, then packed with its datasets into a local feed.</summary>
    public sealed class PackedExperiment : IDisposable
    {
        public const string PackageId = "SkillMix.EndToEnd.QuickStart";

        public PackedExperiment()
        {
            Store = Directory.CreateTempSubdirectory("skillmix-e2e-store-").FullName;
            Feed = Directory.CreateTempSubdirectory("skillmix-e2e-feed-").FullName;
            Version = $"1.0.0-e2e.t{Guid.NewGuid():N}"[..27];
            Experiment = ExperimentFolder.CopyOf("QuickStart");
            Pack = BuildRun.Dotnet(Path.GetDirectoryName(Experiment.Project)!, TimeSpan.FromMinutes(8),
                "pack", Experiment.Project, "-nr:false", "-o", Feed, "-p:Profile=smoke", $"-p:SkillMixStore={Store}",
                "-p:SkillMixPackDatasets=true", $"-p:SkillMixPackPartSize={PartSize}", $"-p:PackageId={PackageId}", $"-p:PackageVersion={Version}");
        }

        /// <summary>Small enough that every generated dataset is cut into several parts.</summary>
        public const int PartSize = 4096;

        public string Store { get; }

        public string Feed { get; }

        public string Version { get; }

        public ExperimentFolder Experiment { get; }

        public BuildRun Pack { get; }

        public string Package => Path.Combine(Feed, $"{PackageId}.{Version}.nupkg");

        public void Dispose()
        {
            Experiment.Dispose();
            PackedSdk.DeleteQuietly(Store);
            PackedSdk.DeleteQuietly(Feed);
            foreach (var version in Directory.Exists(Path.Combine(PackedSdk.PackagesFolder, PackageId.ToLowerInvariant()))
                         ? Directory.GetDirectories(Path.Combine(PackedSdk.PackagesFolder, PackageId.ToLowerInvariant()), "1.0.0-e2e.*")
                         : [])
            {
                PackedSdk.DeleteQuietly(version);
            }
        }
    }

    [Fact]
    public void The_package_holds_the_definition_results_and_datasets_split_into_parts_with_an_index()
    {
        Assert.True(packed.Pack.ExitCode == 0, packed.Pack.ToString());
        using var package = ZipFile.OpenRead(packed.Package);
        var entries = package.Entries.Select(e => e.FullName).ToHashSet();
        // The index names whole files; with parts this small, most of them are in the package only as parts.
        using var indexStream = package.GetEntry("skillmix/package.json")!.Open();
        var indexed = System.Text.Json.Nodes.JsonNode.Parse(indexStream)!["files"]!.AsArray().Select(f => (string)f!["path"]!).ToHashSet();
        foreach (var expected in new[]
                 {
                     "experiment/QuickStart.csproj", "results/results.md", "results/results.csv", "results/results.json",
                     "results/provenance.json", "results/fm-vs-k.png", "results/results.html", "steps/generate.D1/step.json",
                     "steps/filter.D3/step.json",
                 })
        {
            Assert.Contains(expected, indexed);
            Assert.True(entries.Contains("skillmix/" + expected) || entries.Contains($"skillmix/{expected}.part000"), expected);
        }
        // Checkpoints were not asked for; nothing but the package's own files lies outside skillmix/.
        Assert.DoesNotContain(entries, e => e.StartsWith("skillmix/steps/train.", StringComparison.Ordinal) || e.StartsWith("skillmix/steps/pretrain", StringComparison.Ordinal));
        Assert.DoesNotContain(entries, e => e.StartsWith("lib/", StringComparison.Ordinal));
        // Every part is at most the part size, and a generated dataset is larger than one part.
        Assert.All(package.Entries.Where(e => e.FullName.Contains(".part", StringComparison.Ordinal)), e => Assert.InRange(e.Length, 1, PackedExperiment.PartSize));
        Assert.Contains("skillmix/steps/generate.D1/files/generations.jsonl.part001", entries);
        Assert.DoesNotContain("skillmix/steps/generate.D1/files/generations.jsonl", entries);
        // The parts joined are the generated file, byte for byte.
        var parts = package.Entries.Where(e => e.FullName.StartsWith("skillmix/steps/generate.D1/files/generations.jsonl.part", StringComparison.Ordinal))
            .OrderBy(e => e.FullName, StringComparer.Ordinal).ToList();
        using var joined = new MemoryStream();
        foreach (var part in parts)
        {
            using var stream = part.Open();
            stream.CopyTo(joined);
        }
        var generated = File.ReadAllBytes(Path.Combine(Path.GetDirectoryName(packed.Experiment.Project)!, "obj", "skillmix", "out", "generate.D1", "generations.jsonl"));
        Assert.Equal(generated, joined.ToArray());
    }

    [Fact]
    public void An_experiment_grading_the_packaged_generations_anew_does_not_generate_them_again()
    {
        Assert.True(packed.Pack.ExitCode == 0, packed.Pack.ToString());
        using var consumer = Consumer(packed.Version);
        var store = Directory.CreateTempSubdirectory("skillmix-e2e-store-").FullName;
        try
        {
            // Two gradings per teacher text where the packed experiment used one: grading and filtering run again, on the
            // packaged generations.
            var run = consumer.Build(store, "Profile=smoke", "FilterGradings=2");
            Assert.True(run.ExitCode == 0, run.ToString());
            foreach (var set in new[] { "D1", "D2", "D3" })
            {
                Assert.Contains($"SkillMix: generate.{set}: imported from package {PackedExperiment.PackageId} {packed.Version}", run.Output);
                Assert.Contains($"generate.{set}", run.Restored);
                Assert.DoesNotContain($"generate.{set}", run.Ran);
                Assert.Contains($"grade.{set}", run.Ran);
                Assert.Contains($"filter.{set}", run.Ran);
            }
            Assert.DoesNotContain(run.Ran, id => id.StartsWith("generate.", StringComparison.Ordinal));
        }
        finally
        {
            PackedSdk.DeleteQuietly(store);
        }
    }

    [Fact]
    public void A_package_altered_after_packing_is_refused_with_the_package_and_file_named()
    {
        Assert.True(packed.Pack.ExitCode == 0, packed.Pack.ToString());
        var version = $"1.0.0-e2e.t{Guid.NewGuid():N}"[..27];
        const string altered = "skillmix/steps/generate.D2/files/generations.jsonl.part000";
        var tampered = Path.Combine(packed.Feed, $"{PackedExperiment.PackageId}.{version}.nupkg");
        File.Copy(packed.Package, tampered);
        using (var zip = ZipFile.Open(tampered, ZipArchiveMode.Update))
        {
            Rewrite(zip, $"{PackedExperiment.PackageId}.nuspec", text => text.Replace($"<version>{packed.Version}</version>", $"<version>{version}</version>", StringComparison.Ordinal));
            Rewrite(zip, altered, text => "{\"text\":\"a generation nobody made\"}" + text[40..]);
        }
        using var consumer = Consumer(version);
        var store = Directory.CreateTempSubdirectory("skillmix-e2e-store-").FullName;
        try
        {
            var run = consumer.Build(store, "Profile=smoke");
            Assert.NotEqual(0, run.ExitCode);
            Assert.Contains("error SKMX031", run.Output);
            Assert.Contains($"Package {PackedExperiment.PackageId} {version}: {altered} does not match its SHA-256", run.Output);
            Assert.Empty(run.Ran);
            // Nothing of the package reached the store.
            Assert.False(Directory.Exists(Path.Combine(store, "steps")) && Directory.EnumerateFiles(Path.Combine(store, "steps"), "*.json", SearchOption.AllDirectories).Any(), run.ToString());
        }
        finally
        {
            PackedSdk.DeleteQuietly(store);
        }
    }

    private ExperimentFolder Consumer(string version) => ExperimentFolder.QuickStartConsuming(PackedExperiment.PackageId, version, packed.Feed);

    private static void Rewrite(ZipArchive zip, string entryName, Func<string, string> edit)
    {
        var entry = zip.GetEntry(entryName) ?? throw new InvalidOperationException($"{entryName} is not in the package.");
        string text;
        using (var reader = new StreamReader(entry.Open(), Encoding.UTF8))
        {
            text = reader.ReadToEnd();
        }
        entry.Delete();
        using var writer = new StreamWriter(zip.CreateEntry(entryName).Open(), new UTF8Encoding(false));
        writer.Write(edit(text));
    }
}
