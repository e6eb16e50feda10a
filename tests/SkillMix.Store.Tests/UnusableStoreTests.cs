namespace SkillMix.Store.Tests;

/// <summary>
/// What a reader of the store does with a manifest it cannot read (discard it, say so, read it as absent), and what a
/// store folder that cannot be used says (which folder, which settings choose it, what to do).
/// </summary>
public sealed class UnusableStoreTests
{
    private static string ManifestPath(StepStore store, string key) => Path.Combine(store.Root, "steps", key[..2], key + ".json");

    private static (StepStore Store, StepManifest Manifest, List<DamagedEntry> Damaged) SavedStep(TempFolder folder)
    {
        var damaged = new List<DamagedEntry>();
        var store = StepStore.Open(folder.Sub("store"), damaged.Add);
        var manifest = store.Save(StepStoreTests.Step(), folder.WriteFiles("out", ("a.txt", "alpha")));
        return (store, manifest, damaged);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{\"created\": \"2026")]
    [InlineData("not json at all")]
    [InlineData("[1, 2, 3]")]
    [InlineData("{\"format\": 1}")]
    public void An_unreadable_manifest_reads_as_absent_is_discarded_and_reported_by_name(string content)
    {
        using var folder = new TempFolder();
        var (store, manifest, damaged) = SavedStep(folder);
        var path = ManifestPath(store, manifest.Key);
        File.WriteAllText(path, content);

        Assert.False(store.TryGetManifest(manifest.Key, out var read));

        Assert.Null(read);
        Assert.False(File.Exists(path));
        var entry = Assert.Single(damaged);
        Assert.Equal(manifest.Key, entry.Key);
        Assert.Equal(path, entry.ManifestPath);
        Assert.Contains(path, entry.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void After_a_damaged_manifest_is_discarded_the_step_saves_and_restores_again()
    {
        using var folder = new TempFolder();
        var (store, manifest, damaged) = SavedStep(folder);
        File.WriteAllText(ManifestPath(store, manifest.Key), "");

        Assert.False(store.Contains(manifest.Key));
        store.Save(manifest.Definition, folder.Sub("out"));

        Assert.Single(damaged);
        Assert.True(store.TryRestore(manifest.Key, folder.Sub("restored"), out _));
        Assert.Equal("alpha", File.ReadAllText(Path.Combine(folder.Sub("restored"), "a.txt")));
    }

    [Fact]
    public void A_restore_of_a_damaged_manifest_reports_through_its_result_not_twice()
    {
        using var folder = new TempFolder();
        var (store, manifest, damaged) = SavedStep(folder);
        File.WriteAllText(ManifestPath(store, manifest.Key), "");

        var result = store.Restore(manifest.Key, folder.Sub("restored"));

        Assert.Equal(RestoreOutcome.Discarded, result.Outcome);
        Assert.Empty(damaged);
    }

    [Fact]
    public void A_restore_of_a_blob_that_fails_its_hash_reports_through_its_result_only()
    {
        using var folder = new TempFolder();
        var (store, manifest, damaged) = SavedStep(folder);
        var hash = ContentHash.Of("alpha");
        File.WriteAllText(Path.Combine(store.Root, "blobs", hash[..2], hash[2..]), "ALPHA");

        var result = store.Restore(manifest.Key, folder.Sub("restored"));

        Assert.Equal(RestoreOutcome.Discarded, result.Outcome);
        Assert.Empty(damaged);
    }

    [Fact]
    public void A_file_as_the_store_path_names_it_and_the_settings_that_choose_the_store()
    {
        using var folder = new TempFolder();
        var file = Path.Combine(folder.Path, "store");
        File.WriteAllText(file, "not a folder");

        var direct = Assert.Throws<StoreException>(() => StepStore.Open(file));
        var below = Assert.Throws<StoreException>(() => StepStore.Open(Path.Combine(file, "sub")));

        foreach (var e in new[] { direct, below })
        {
            Assert.Contains($"{file} is a file", e.Message, StringComparison.Ordinal);
            Assert.Contains("SkillMixStore", e.Message, StringComparison.Ordinal);
            Assert.Contains(StoreLocation.EnvironmentVariable, e.Message, StringComparison.Ordinal);
        }
        Assert.Equal("not a folder", File.ReadAllText(file));
    }

    [Fact]
    public void An_empty_marker_left_by_a_power_loss_is_written_again()
    {
        using var folder = new TempFolder();
        var (store, manifest, _) = SavedStep(folder);
        File.WriteAllText(Path.Combine(store.Root, "skillmix-store.json"), "");

        var reopened = StepStore.Open(store.Root);

        Assert.True(reopened.Contains(manifest.Key));
        Assert.Equal("{\"format\":1}", File.ReadAllText(Path.Combine(store.Root, "skillmix-store.json")));
    }

    [Fact]
    public void A_full_disk_says_the_disk_is_full_names_the_store_and_says_how_to_free_space()
    {
        // ENOSPC cannot be provoked without a small file system to fill; the exception .NET raises for it carries errno 28.
        var full = new IOException("No space left on device : '/stores/s/blobs/ab/.cdef.tmp'", 28);

        var e = StoreFolderFailure.SaveFailed("/stores/s", "train (key 1234)", full);
        var open = StoreFolderFailure.Unusable("/stores/s", full);

        Assert.Contains("Cannot save step train (key 1234) to the step store /stores/s: the disk is full", e.Message, StringComparison.Ordinal);
        Assert.Contains("skillmix cache prune", e.Message, StringComparison.Ordinal);
        Assert.Contains("SkillMixStore", e.Message, StringComparison.Ordinal);
        Assert.Contains("the disk is full", open.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("the disk is full", StoreFolderFailure.SaveFailed("/stores/s", "train", new IOException("Permission denied", 13)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_save_that_cannot_write_the_store_says_which_store_and_what_to_do()
    {
        using var folder = new TempFolder();
        var (store, _, _) = SavedStep(folder);
        // A file where the blob shard folder must go: the write fails as a read-only or full store would, inside Save.
        var outputs = folder.WriteFiles("other", ("b.txt", "bravo"));
        var shard = Path.Combine(store.Root, "blobs", ContentHash.Of("bravo")[..2]);
        File.WriteAllText(shard, "in the way");

        var e = Assert.Throws<StoreException>(() => store.Save(StepStoreTests.Step(combinations: 11), outputs));

        Assert.Contains($"to the step store {store.Root}", e.Message, StringComparison.Ordinal);
        Assert.Contains("SkillMixStore", e.Message, StringComparison.Ordinal);
    }
}
