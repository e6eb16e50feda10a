using System.Text.Json.Nodes;
using SkillMix.Build.Tasks.Packaging;
using SkillMix.Store;

namespace SkillMix.Build.Tasks.Tests;

/// <summary>
/// An experiment folder with one finished step, packed into a staging folder and imported into another store: what a
/// package carries, how files are split, and that any altered byte is refused before the store is touched.
/// </summary>
public sealed class ExperimentPackageTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("skillmix-package-tests-").FullName;

    // 10,000 bytes of varied text: three parts of 4,096 bytes at most.
    private readonly string _generations = string.Concat(Enumerable.Range(0, 500).Select(i => $"{{\"n\":{i,5}}}\n")).PadRight(10_000, '.');

    private readonly StepDefinition _definition = new("generate", "1", [KeyValuePair.Create("K", (JsonNode?)JsonValue.Create(2))]);

    public ExperimentPackageTests()
    {
        var experiment = Path.Combine(_root, "Exp");
        var outputs = Path.Combine(experiment, "obj", "out", "generate.D2");
        Directory.CreateDirectory(outputs);
        File.WriteAllText(Path.Combine(outputs, "generations.jsonl"), _generations);
        File.WriteAllText(Path.Combine(experiment, "Exp.csproj"), "<Project Sdk=\"SkillMix.Sdk\" />");
        Directory.CreateDirectory(Path.Combine(experiment, "results"));
        File.WriteAllText(Path.Combine(experiment, "results", "results.md"), "| model | k=2 |\n");
        var steps = Path.Combine(experiment, "obj", "steps");
        Directory.CreateDirectory(steps);
        var manifest = StepStore.Open(Path.Combine(_root, "producer-store")).Save(_definition, outputs);
        manifest.WriteTo(Path.Combine(steps, "generate.D2.manifest.json"));
        File.WriteAllText(Path.Combine(steps, "generate.D2.json"), new JsonObject { ["id"] = "generate.D2", ["outputDirectory"] = outputs }.ToJsonString());
    }

    private string Staging => Path.Combine(_root, "staging");

    private PackageIndex Pack(long partSize = 4096) => ExperimentPackageWriter.Write(Staging, "Exp",
        Path.Combine(_root, "Exp", "Exp.csproj"), Path.Combine(_root, "Exp", "results"), Path.Combine(_root, "Exp", "obj", "steps"), ["generate.D2"], partSize);

    [Fact]
    public void A_package_lists_every_file_with_its_hash_and_splits_large_ones_into_parts()
    {
        var index = Pack();
        Assert.Equal(["experiment/Exp.csproj", "results/results.md", "steps/generate.D2/files/generations.jsonl", "steps/generate.D2/step.json"],
            index.Files.Select(f => f.Path).Order(StringComparer.Ordinal));
        var split = index.Files.Single(f => f.Path.EndsWith("generations.jsonl", StringComparison.Ordinal));
        Assert.Equal(10_000, split.Size);
        Assert.Equal(ContentHash.Of(_generations), split.Sha256);
        // 10,000 = 4,096 + 4,096 + 1,808.
        Assert.Equal([4096L, 4096L, 1808L], split.Parts.Select(p => p.Size));
        Assert.False(File.Exists(Path.Combine(Staging, "steps", "generate.D2", "files", "generations.jsonl")));
        Assert.Equal(_generations, string.Concat(split.Parts.Select(p => File.ReadAllText(Path.Combine(Staging, p.Path)))));
        Assert.Equal(index.ToJson(), PackageIndex.Parse(File.ReadAllText(Path.Combine(Staging, PackageIndex.FileName)), "test").ToJson());
    }

    [Fact]
    public void Importing_saves_the_step_under_its_own_key_so_a_consumer_restores_it()
    {
        Pack();
        var store = StepStore.Open(Path.Combine(_root, "consumer-store"));
        var result = ExperimentPackageReader.Import(Staging, "Exp 1.0.0", store, Path.Combine(_root, "work"));
        Assert.Equal([("generate.D2", _definition.Key)], result.Imported);
        var restored = Path.Combine(_root, "restored");
        Assert.True(store.Restore(_definition.Key, restored).Restored);
        Assert.Equal(_generations, File.ReadAllText(Path.Combine(restored, "generations.jsonl")));
        Assert.False(Directory.Exists(Path.Combine(_root, "work")));

        var again = ExperimentPackageReader.Import(Staging, "Exp 1.0.0", store, Path.Combine(_root, "work"));
        Assert.Empty(again.Imported);
        Assert.Equal([("generate.D2", _definition.Key)], again.AlreadyStored);
    }

    [Fact]
    public void An_altered_part_is_refused_naming_the_package_and_file_and_the_store_stays_empty()
    {
        Pack();
        var part = Path.Combine(Staging, "steps", "generate.D2", "files", "generations.jsonl.part001");
        var bytes = File.ReadAllBytes(part);
        bytes[100] ^= 0x01;
        File.WriteAllBytes(part, bytes);
        var store = StepStore.Open(Path.Combine(_root, "consumer-store"));
        var error = Assert.Throws<PackageIntegrityException>(() => ExperimentPackageReader.Import(Staging, "Exp 1.0.0", store, Path.Combine(_root, "work")));
        Assert.Contains("Package Exp 1.0.0: skillmix/steps/generate.D2/files/generations.jsonl.part001 does not match its SHA-256", error.Message);
        Assert.False(store.Contains(_definition.Key));
    }

    [Fact]
    public void A_missing_part_and_an_index_escaping_the_package_are_refused()
    {
        Pack();
        File.Delete(Path.Combine(Staging, "steps", "generate.D2", "files", "generations.jsonl.part002"));
        var store = StepStore.Open(Path.Combine(_root, "consumer-store"));
        var missing = Assert.Throws<PackageIntegrityException>(() => ExperimentPackageReader.Import(Staging, "Exp 1.0.0", store, Path.Combine(_root, "work")));
        Assert.Contains("generations.jsonl.part002 is listed in skillmix/package.json but missing", missing.Message);

        var index = File.ReadAllText(Path.Combine(Staging, PackageIndex.FileName)).Replace("\"results/results.md\"", "\"../../outside.md\"", StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(Staging, PackageIndex.FileName), index);
        var escaping = Assert.Throws<PackageIntegrityException>(() => ExperimentPackageReader.Import(Staging, "Exp 1.0.0", store, Path.Combine(_root, "work")));
        Assert.Contains("is not a valid SkillMix package index", escaping.Message);
    }

    [Fact]
    public void Packing_a_step_whose_output_changed_since_it_ran_is_an_error()
    {
        File.AppendAllText(Path.Combine(_root, "Exp", "obj", "out", "generate.D2", "generations.jsonl"), "edited by hand\n");
        var error = Assert.Throws<InvalidOperationException>(() => Pack());
        Assert.Contains("The output 'generations.jsonl' of step generate.D2", error.Message);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
