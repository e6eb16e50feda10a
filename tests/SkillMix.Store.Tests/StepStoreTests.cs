using System.Text.Json.Nodes;

namespace SkillMix.Store.Tests;

public sealed class StepStoreTests
{
    internal static StepDefinition Step(string kind = "generate", int combinations = 10) =>
        new(kind, "1", new Dictionary<string, JsonNode?> { ["Combinations"] = combinations });

    [Fact]
    public void Saved_outputs_restore_byte_for_byte_into_another_folder()
    {
        using var folder = new TempFolder();
        var store = StepStore.Open(folder.Sub("store"));
        var outputs = folder.WriteFiles("out", ("texts.jsonl", "{\"a\":1}\n"), ("grades/r1.csv", "k,points\n2,\"1,1,1\"\n"));
        File.WriteAllBytes(Path.Combine(outputs, "empty.bin"), []);
        var definition = Step();

        var saved = store.Save(definition, outputs, new JsonObject { ["wallSeconds"] = 1.5, ["tokens"] = 1234 });
        var result = store.Restore(definition.Key, folder.Sub("restored"));

        Assert.Equal(RestoreOutcome.Restored, result.Outcome);
        Assert.Equal(new[] { "empty.bin", "grades/r1.csv", "texts.jsonl" }, result.Manifest!.Files.Select(f => f.Path));
        foreach (var file in saved.Files)
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(outputs, file.Path)), File.ReadAllBytes(Path.Combine(folder.Sub("restored"), file.Path)));
        }
        Assert.Equal(1234, result.Manifest.Metadata["tokens"]!.GetValue<long>());
        Assert.Equal(definition.Key, result.Manifest.Key);
    }

    [Fact]
    public void A_blob_is_named_by_the_sha256_of_its_content_in_a_two_digit_shard()
    {
        using var folder = new TempFolder();
        var store = StepStore.Open(folder.Sub("store"));
        var outputs = folder.WriteFiles("out", ("a.txt", "world"));

        store.Save(Step(), outputs);

        // sha256("world") computed with sha256sum, as in StepDefinitionTests.
        Assert.True(File.Exists(Path.Combine(store.Root, "blobs", "48", "6ea46224d1bb4fb680f34f7c9ad96a8f24ec88be73ea8e5a6c65260e9cb8a7")));
        Assert.True(File.Exists(Path.Combine(store.Root, "steps", Step().Key[..2], Step().Key + ".json")));
    }

    [Fact]
    public void Identical_content_is_stored_once()
    {
        using var folder = new TempFolder();
        var store = StepStore.Open(folder.Sub("store"));
        var a = folder.WriteFiles("a", ("x.txt", "same"), ("y.txt", "same"));
        var b = folder.WriteFiles("b", ("z.txt", "same"));

        store.Save(Step(combinations: 1), a);
        store.Save(Step(combinations: 2), b);

        Assert.Equal((1, 4L), store.MeasureBlobs());
        Assert.Equal(2, store.List().Count);
    }

    [Fact]
    public void A_manifest_is_sorted_stable_json_with_everything_the_brief_lists()
    {
        using var folder = new TempFolder();
        var store = StepStore.Open(folder.Sub("store"));
        var outputs = folder.WriteFiles("out", ("b.txt", "bb"), ("a.txt", "a"));
        var manifest = store.Save(Step(), outputs, new JsonObject { ["z"] = 1, ["cost"] = 0.25 });

        var text = File.ReadAllText(Path.Combine(store.Root, "steps", manifest.Key[..2], manifest.Key + ".json"));
        var root = JsonNode.Parse(text)!.AsObject();

        Assert.Equal(new[] { "created", "definition", "files", "format", "key", "metadata", "tool" }, root.Select(m => m.Key));
        Assert.Equal(new[] { "cost", "z" }, root["metadata"]!.AsObject().Select(m => m.Key));
        Assert.Equal("a.txt", root["files"]![0]!["path"]!.GetValue<string>());
        Assert.Equal(1, root["files"]![0]!["size"]!.GetValue<long>());
        Assert.Equal(ContentHash.Of("a"), root["files"]![0]!["blob"]!.GetValue<string>());
        Assert.StartsWith("skillmix ", root["tool"]!.GetValue<string>());
        Assert.Equal(text, StepManifest.Parse(text, "manifest").ToJson());
    }

    [Fact]
    public void A_manifest_written_beside_an_experiment_reads_back_and_a_file_hash_can_be_an_input()
    {
        using var folder = new TempFolder();
        var store = StepStore.Open(folder.Sub("store"));
        var skills = folder.WriteFiles("world", ("skills.csv", "world"));
        var definition = Step().WithInput("skills", ContentHash.OfFile(Path.Combine(skills, "skills.csv")));
        var manifest = store.Save(definition, folder.WriteFiles("out", ("a.txt", "a")));
        var copy = Path.Combine(folder.Path, "experiment", "obj", "generate.manifest.json");

        manifest.WriteTo(copy);

        var read = StepManifest.Parse(File.ReadAllText(copy), copy);
        Assert.Equal(manifest.Key, read.Key);
        // sha256("world"), as computed with sha256sum in StepDefinitionTests.
        Assert.Equal("486ea46224d1bb4fb680f34f7c9ad96a8f24ec88be73ea8e5a6c65260e9cb8a7", read.Definition.Inputs["skills"]);
        Assert.Equal(manifest.CreatedUtc, read.CreatedUtc);
    }

    [Fact]
    public void A_missing_key_is_not_in_the_store_and_leaves_the_folder_alone()
    {
        using var folder = new TempFolder();
        var store = StepStore.Open(folder.Sub("store"));

        var found = store.TryRestore(Step().Key, folder.Sub("restored"), out var manifest);

        Assert.False(found);
        Assert.Null(manifest);
        Assert.Equal(RestoreOutcome.NotInStore, store.Restore(Step().Key, folder.Sub("restored")).Outcome);
        Assert.False(Directory.Exists(folder.Sub("restored")));
    }

    [Fact]
    public void Restoring_overwrites_a_stale_output_and_keeps_unrelated_files()
    {
        using var folder = new TempFolder();
        var store = StepStore.Open(folder.Sub("store"));
        store.Save(Step(), folder.WriteFiles("out", ("data.txt", "fresh")));
        var target = folder.WriteFiles("target", ("data.txt", "stale and longer"), ("notes.txt", "mine"));

        Assert.True(store.TryRestore(Step().Key, target, out _));

        Assert.Equal("fresh", File.ReadAllText(Path.Combine(target, "data.txt")));
        Assert.Equal("mine", File.ReadAllText(Path.Combine(target, "notes.txt")));
        Assert.Equal(new[] { "data.txt", "notes.txt" }, Directory.GetFiles(target).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void Saving_a_listed_file_that_does_not_exist_names_it()
    {
        using var folder = new TempFolder();
        var store = StepStore.Open(folder.Sub("store"));
        var outputs = folder.WriteFiles("out", ("a.txt", "a"));

        var error = Assert.Throws<StoreException>(() => store.Save(Step(), outputs, ["a.txt", "b.txt"]));

        Assert.Contains("'b.txt'", error.Message);
        Assert.Empty(store.List());
    }

    [Fact]
    public void Opening_a_folder_that_is_not_a_store_is_refused()
    {
        using var folder = new TempFolder();
        var notAStore = folder.WriteFiles("project", ("Program.cs", "class P {}"));

        var error = Assert.Throws<StoreException>(() => StepStore.Open(notAStore));

        Assert.Contains(notAStore, error.Message);
        Assert.Contains("not a SkillMix step store", error.Message);
    }

    [Fact]
    public void A_store_another_process_is_creating_right_now_is_not_taken_for_a_foreign_folder()
    {
        using var folder = new TempFolder();
        // What a second build sees when the first has made the folders and is writing the marker under a temporary name.
        var creating = folder.WriteFiles("store", (".skillmix-store.json.0123.tmp", "{\"format\":"));
        Directory.CreateDirectory(Path.Combine(creating, "blobs"));
        Directory.CreateDirectory(Path.Combine(creating, "steps"));

        var store = StepStore.Open(creating);

        Assert.True(File.Exists(Path.Combine(store.Root, "skillmix-store.json")));
    }

    [Fact]
    public void Opening_a_store_that_does_not_exist_for_inspection_names_the_path()
    {
        using var folder = new TempFolder();

        var error = Assert.Throws<StoreException>(() => StepStore.OpenExisting(folder.Sub("nowhere")));

        Assert.Contains(folder.Sub("nowhere"), error.Message);
        Assert.False(Directory.Exists(folder.Sub("nowhere")));
    }

    [Fact]
    public void A_manifest_that_points_outside_its_folder_is_discarded_not_followed()
    {
        using var folder = new TempFolder();
        var store = StepStore.Open(folder.Sub("store"));
        var manifest = store.Save(Step(), folder.WriteFiles("out", ("a.txt", "a")));
        var path = Path.Combine(store.Root, "steps", manifest.Key[..2], manifest.Key + ".json");
        File.WriteAllText(path, File.ReadAllText(path).Replace("\"a.txt\"", "\"../escaped.txt\""));

        var result = store.Restore(manifest.Key, folder.Sub("restored"));

        Assert.Equal(RestoreOutcome.Discarded, result.Outcome);
        Assert.Contains("'..'", result.Problem);
        Assert.False(File.Exists(folder.Sub("escaped.txt")));
    }
}
