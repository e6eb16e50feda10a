namespace SkillMix.Store.Tests;

public sealed class CorruptionTests
{
    private static (StepStore Store, StepManifest Manifest) SavedStep(TempFolder folder)
    {
        var store = StepStore.Open(folder.Sub("store"));
        var outputs = folder.WriteFiles("out", ("a.txt", "alpha"), ("sub/b.txt", "bravo bravo"));
        return (store, store.Save(StepStoreTests.Step(), outputs));
    }

    private static string BlobPath(StepStore store, string hash) => Path.Combine(store.Root, "blobs", hash[..2], hash[2..]);

    private static string ManifestPath(StepStore store, string key) => Path.Combine(store.Root, "steps", key[..2], key + ".json");

    [Fact]
    public void A_flipped_byte_in_a_blob_discards_the_entry_and_leaves_the_target_untouched()
    {
        using var folder = new TempFolder();
        var (store, manifest) = SavedStep(folder);
        var blob = BlobPath(store, ContentHash.Of("bravo bravo"));
        var bytes = File.ReadAllBytes(blob);
        bytes[3] ^= 0x01;
        File.WriteAllBytes(blob, bytes);
        var target = folder.WriteFiles("target", ("a.txt", "old"));

        var result = store.Restore(manifest.Key, target);

        Assert.Equal(RestoreOutcome.Discarded, result.Outcome);
        Assert.Contains("'sub/b.txt' does not match its hash", result.Problem);
        Assert.Equal("old", File.ReadAllText(Path.Combine(target, "a.txt")));
        Assert.False(File.Exists(Path.Combine(target, "sub", "b.txt")));
        Assert.DoesNotContain(Directory.GetFiles(target, "*", SearchOption.AllDirectories), f => f.EndsWith(".tmp"));
        Assert.False(store.Contains(manifest.Key));
        Assert.False(File.Exists(blob));
    }

    [Fact]
    public void After_a_discard_the_step_saves_again_and_restores()
    {
        using var folder = new TempFolder();
        var (store, manifest) = SavedStep(folder);
        File.WriteAllText(BlobPath(store, ContentHash.Of("alpha")), "ALPHA");
        Assert.False(store.TryRestore(manifest.Key, folder.Sub("first"), out _));

        store.Save(manifest.Definition, folder.Sub("out"));

        Assert.True(store.TryRestore(manifest.Key, folder.Sub("second"), out _));
        Assert.Equal("alpha", File.ReadAllText(Path.Combine(folder.Sub("second"), "a.txt")));
    }

    [Fact]
    public void A_truncated_manifest_discards_the_entry()
    {
        using var folder = new TempFolder();
        var (store, manifest) = SavedStep(folder);
        var path = ManifestPath(store, manifest.Key);
        var text = File.ReadAllText(path);
        File.WriteAllText(path, text[..(text.Length / 2)]);

        var result = store.Restore(manifest.Key, folder.Sub("restored"));

        Assert.Equal(RestoreOutcome.Discarded, result.Outcome);
        Assert.Contains(path, result.Problem);
        Assert.Contains("not valid JSON", result.Problem);
        Assert.False(File.Exists(path));
        Assert.False(Directory.Exists(folder.Sub("restored")) && Directory.EnumerateFiles(folder.Sub("restored")).Any());
    }

    [Fact]
    public void A_deleted_blob_discards_the_entry()
    {
        using var folder = new TempFolder();
        var (store, manifest) = SavedStep(folder);
        File.Delete(BlobPath(store, ContentHash.Of("alpha")));

        var result = store.Restore(manifest.Key, folder.Sub("restored"));

        Assert.Equal(RestoreOutcome.Discarded, result.Outcome);
        Assert.Contains("'a.txt' is missing", result.Problem);
        Assert.False(store.Contains(manifest.Key));
    }

    [Fact]
    public void A_manifest_edited_to_another_key_is_refused()
    {
        using var folder = new TempFolder();
        var (store, manifest) = SavedStep(folder);
        var path = ManifestPath(store, manifest.Key);
        File.WriteAllText(path, File.ReadAllText(path).Replace("\"Combinations\": 10", "\"Combinations\": 11"));

        var result = store.Restore(manifest.Key, folder.Sub("restored"));

        Assert.Equal(RestoreOutcome.Discarded, result.Outcome);
        Assert.Contains("not to the manifest's key", result.Problem);
    }

    [Fact]
    public void Verify_finds_every_kind_of_damage_removes_it_and_keeps_good_entries()
    {
        using var folder = new TempFolder();
        var store = StepStore.Open(folder.Sub("store"));
        var good = store.Save(StepStoreTests.Step(combinations: 1), folder.WriteFiles("good", ("g.txt", "good")));
        var flipped = store.Save(StepStoreTests.Step(combinations: 2), folder.WriteFiles("flipped", ("f.txt", "flip me")));
        var missing = store.Save(StepStoreTests.Step(combinations: 3), folder.WriteFiles("missing", ("m.txt", "delete me")));
        var truncated = store.Save(StepStoreTests.Step(combinations: 4), folder.WriteFiles("truncated", ("t.txt", "truncate")));
        File.WriteAllText(BlobPath(store, ContentHash.Of("flip me")), "flip mE");
        File.Delete(BlobPath(store, ContentHash.Of("delete me")));
        File.WriteAllText(ManifestPath(store, truncated.Key), "{\"key\":");

        var report = store.Verify();

        Assert.False(report.Clean);
        Assert.Equal(4, report.EntriesChecked);
        Assert.Equal(4, report.Problems.Count);
        Assert.Contains(report.Problems, p => p.Contains(ContentHash.Of("flip me")) && p.Contains("does not match"));
        Assert.Contains(report.Problems, p => p.Contains(flipped.Key) && p.Contains("damaged"));
        Assert.Contains(report.Problems, p => p.Contains(missing.Key) && p.Contains("missing"));
        Assert.Contains(report.Problems, p => p.Contains(truncated.Key) && p.Contains("not valid JSON"));
        Assert.Equal(new[] { good.Key }, store.List().Select(e => e.Key));
        Assert.True(store.Verify().Clean);
        Assert.True(store.TryRestore(good.Key, folder.Sub("restored"), out _));
    }
}
