namespace SkillMix.Store.Tests;

public sealed class PruneTests
{
    private static readonly PruneOptions NoGrace = new(All: false) { Grace = TimeSpan.Zero };

    private static void LastUsed(StepStore store, string key, TimeSpan ago) =>
        File.SetLastWriteTimeUtc(Path.Combine(store.Root, "steps", key[..2], key + ".used"), DateTime.UtcNow - ago);

    private static bool HasBlob(StepStore store, string content)
    {
        var hash = ContentHash.Of(content);
        return File.Exists(Path.Combine(store.Root, "blobs", hash[..2], hash[2..]));
    }

    [Fact]
    public void Old_entries_go_and_blobs_a_kept_entry_shares_stay()
    {
        using var folder = new TempFolder();
        var store = StepStore.Open(folder.Sub("store"));
        var old = store.Save(StepStoreTests.Step(combinations: 1), folder.WriteFiles("old", ("shared.txt", "shared"), ("own.txt", "only old")));
        var recent = store.Save(StepStoreTests.Step(combinations: 2), folder.WriteFiles("recent", ("shared.txt", "shared")));
        LastUsed(store, old.Key, TimeSpan.FromDays(40));
        LastUsed(store, recent.Key, TimeSpan.FromDays(2));

        var report = store.Prune(NoGrace with { OlderThan = TimeSpan.FromDays(30) });

        Assert.Equal((1, 1, 1), (report.EntriesRemoved, report.EntriesKept, report.BlobsRemoved));
        Assert.Equal("only old".Length, report.BytesFreed);
        Assert.False(store.Contains(old.Key));
        Assert.True(HasBlob(store, "shared"));
        Assert.False(HasBlob(store, "only old"));
        Assert.True(store.TryRestore(recent.Key, folder.Sub("restored"), out _));
    }

    [Fact]
    public void Max_size_drops_the_least_recently_used_entries_first()
    {
        using var folder = new TempFolder();
        var store = StepStore.Open(folder.Sub("store"));
        var keys = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var content = new string((char)('a' + i), 100);
            keys.Add(store.Save(StepStoreTests.Step(combinations: i), folder.WriteFiles($"out{i}", ("data.txt", content))).Key);
        }
        LastUsed(store, keys[0], TimeSpan.FromHours(1));
        LastUsed(store, keys[1], TimeSpan.FromHours(3));
        LastUsed(store, keys[2], TimeSpan.FromHours(2));

        var report = store.Prune(NoGrace with { MaxSize = 250 });

        Assert.Equal(1, report.EntriesRemoved);
        Assert.Equal(200, report.BytesKept);
        Assert.Equal(new[] { keys[0], keys[2] }.Order(), store.List().Select(e => e.Key).Order());
    }

    [Fact]
    public void Max_size_counts_a_shared_blob_once()
    {
        using var folder = new TempFolder();
        var store = StepStore.Open(folder.Sub("store"));
        var shared = new string('s', 100);
        var a = store.Save(StepStoreTests.Step(combinations: 1), folder.WriteFiles("a", ("x.txt", shared)));
        var b = store.Save(StepStoreTests.Step(combinations: 2), folder.WriteFiles("b", ("y.txt", shared)));

        var report = store.Prune(NoGrace with { MaxSize = 100 });

        Assert.Equal(0, report.EntriesRemoved);
        Assert.True(store.Contains(a.Key) && store.Contains(b.Key));
    }

    [Fact]
    public void All_empties_the_store()
    {
        using var folder = new TempFolder();
        var store = StepStore.Open(folder.Sub("store"));
        store.Save(StepStoreTests.Step(combinations: 1), folder.WriteFiles("a", ("x.txt", "x")));
        store.Save(StepStoreTests.Step(combinations: 2), folder.WriteFiles("b", ("y.txt", "y")));

        var report = store.Prune(new PruneOptions(All: true));

        Assert.Equal((2, 0, 2), (report.EntriesRemoved, report.EntriesKept, report.BlobsRemoved));
        Assert.Empty(store.List());
        Assert.Equal((0, 0L), store.MeasureBlobs());
    }

    [Fact]
    public void A_young_unreferenced_blob_survives_because_a_build_may_be_about_to_use_it()
    {
        using var folder = new TempFolder();
        var store = StepStore.Open(folder.Sub("store"));
        var entry = store.Save(StepStoreTests.Step(), folder.WriteFiles("a", ("x.txt", "young")));
        LastUsed(store, entry.Key, TimeSpan.FromDays(60));

        store.Prune(new PruneOptions(OlderThan: TimeSpan.FromDays(30)));

        Assert.False(store.Contains(entry.Key));
        Assert.True(HasBlob(store, "young"));
    }

    [Fact]
    public void Nothing_to_prune_is_an_error_that_lists_the_choices()
    {
        using var folder = new TempFolder();
        var store = StepStore.Open(folder.Sub("store"));

        var error = Assert.Throws<StoreException>(() => store.Prune(new PruneOptions()));

        Assert.Contains("--older-than", error.Message);
        Assert.Contains("--max-size", error.Message);
        Assert.Contains("--all", error.Message);
    }
}
