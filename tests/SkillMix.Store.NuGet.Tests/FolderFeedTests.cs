using System.IO.Compression;

namespace SkillMix.Store.NuGet.Tests;

public sealed class FolderFeedTests : IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly List<string> _warnings = [];

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task An_entry_pushed_to_a_folder_feed_is_pulled_into_an_empty_store_with_the_same_files()
    {
        var source = StepStore.Open(_temp["store-a"]);
        var manifest = Entries.Save(source, _temp.Path, 5000);
        var feed = Cache(_temp["feed"], push: true);

        Assert.True(await feed.PushAsync(source, manifest, default));
        Assert.False(await feed.PushAsync(source, manifest, default)); // already there: not pushed twice

        var target = StepStore.Open(_temp["store-b"]);
        var pull = await Cache(_temp["feed"]).PullAsync(target, manifest.Key, default);
        Assert.Equal(RemotePullOutcome.Pulled, pull.Outcome);
        Assert.Equal(manifest.ToJson(), pull.Manifest!.ToJson());
        Assert.Equal(Entries.Restored(source, manifest.Key, _temp["restored-a"]), Entries.Restored(target, manifest.Key, _temp["restored-b"]));
        Assert.Empty(_warnings);
    }

    [Fact]
    public async Task The_folder_feed_has_the_hierarchical_layout_from_the_first_push()
    {
        var store = StepStore.Open(_temp["store"]);
        var manifest = Entries.Save(store, _temp.Path, 100);
        await Cache(_temp["feed"], push: true).PushAsync(store, manifest, default);

        var id = StepPackageNames.Id(manifest.Key).ToLowerInvariant();
        Assert.True(File.Exists(Path.Combine(_temp["feed"], id, "1.0.0", $"{id}.1.0.0.nupkg")));
        Assert.Empty(Directory.GetFiles(_temp["feed"], "*.nupkg"));
    }

    [Fact]
    public async Task An_entry_larger_than_the_package_cap_is_split_into_parts_and_reassembled()
    {
        var source = StepStore.Open(_temp["store-a"]);
        var manifest = Entries.Save(source, _temp.Path, 10_000);
        // 10,000 bytes in 3,000-byte slices: 4 chunks of the shared blob plus the small readme, so at least 4 packages.
        await Cache(_temp["feed"], push: true, max: 3000).PushAsync(source, manifest, default);
        var packages = Directory.GetDirectories(_temp["feed"]);
        Assert.True(packages.Length >= 4, string.Join(", ", packages.Select(Path.GetFileName)));
        Assert.All(Directory.GetFiles(_temp["feed"], "*.nupkg", SearchOption.AllDirectories), p => Assert.True(new FileInfo(p).Length < 3000 + 4096, $"{p}: {new FileInfo(p).Length} bytes"));

        var target = StepStore.Open(_temp["store-b"]);
        Assert.True((await Cache(_temp["feed"]).PullAsync(target, manifest.Key, default)).Pulled);
        var files = Entries.Restored(target, manifest.Key, _temp["restored"]);
        Assert.Equal(10_000, files["a.bin"].Length);
        Assert.Equal(files["a.bin"], files["copy.bin"]);
    }

    [Fact]
    public async Task A_package_whose_blob_bytes_were_changed_is_rejected_and_nothing_is_imported()
    {
        var source = StepStore.Open(_temp["store-a"]);
        var manifest = Entries.Save(source, _temp.Path, 2000);
        await Cache(_temp["feed"], push: true).PushAsync(source, manifest, default);
        var id = StepPackageNames.Id(manifest.Key).ToLowerInvariant();
        var blob = manifest.Files.Single(f => f.Path == "a.bin").Blob;
        using (var zip = ZipFile.Open(Path.Combine(_temp["feed"], id, "1.0.0", $"{id}.1.0.0.nupkg"), ZipArchiveMode.Update))
        {
            var entry = zip.GetEntry($"skillmix/blobs/{blob}.0")!;
            byte[] bytes;
            using (var read = entry.Open())
            using (var copy = new MemoryStream())
            {
                read.CopyTo(copy);
                bytes = copy.ToArray();
            }
            bytes[17] ^= 0x40;
            entry.Delete();
            using var write = zip.CreateEntry($"skillmix/blobs/{blob}.0").Open();
            write.Write(bytes);
        }

        var target = StepStore.Open(_temp["store-b"]);
        var pull = await Cache(_temp["feed"]).PullAsync(target, manifest.Key, default);
        Assert.Equal(RemotePullOutcome.Rejected, pull.Outcome);
        Assert.Contains("'a.bin' does not match the manifest", pull.Problem);
        Assert.Contains(_temp["feed"], pull.Problem);
        Assert.False(target.Contains(manifest.Key));
    }

    [Fact]
    public async Task A_package_holding_another_keys_manifest_is_rejected()
    {
        var source = StepStore.Open(_temp["store-a"]);
        var wanted = Entries.Save(source, _temp.Path, 100, "one");
        var other = Entries.Save(source, _temp.Path, 100, "two");
        await Cache(_temp["feed"], push: true).PushAsync(source, wanted, default);
        var id = StepPackageNames.Id(wanted.Key).ToLowerInvariant();
        using (var zip = ZipFile.Open(Path.Combine(_temp["feed"], id, "1.0.0", $"{id}.1.0.0.nupkg"), ZipArchiveMode.Update))
        {
            zip.GetEntry("skillmix/manifest.json")!.Delete();
            using var write = new StreamWriter(zip.CreateEntry("skillmix/manifest.json").Open());
            write.Write(other.ToJson());
        }

        var target = StepStore.Open(_temp["store-b"]);
        var pull = await Cache(_temp["feed"]).PullAsync(target, wanted.Key, default);
        Assert.Equal(RemotePullOutcome.Rejected, pull.Outcome);
        Assert.Contains($"not the requested {wanted.Key}", pull.Problem);
        Assert.False(target.Contains(wanted.Key));
        Assert.False(target.Contains(other.Key));
    }

    [Theory]
    [InlineData("{\"format\":1}")]
    [InlineData("{\"format\":1,\"key\":\"KEY\",\"chunks\":[{\"blob\":\"nothex\",\"index\":0,\"part\":1,\"size\":1}]}")]
    [InlineData("not json")]
    public async Task A_package_with_a_damaged_chunk_list_is_rejected(string chunks)
    {
        var source = StepStore.Open(_temp["store-a"]);
        var manifest = Entries.Save(source, _temp.Path, 100);
        await Cache(_temp["feed"], push: true).PushAsync(source, manifest, default);
        var id = StepPackageNames.Id(manifest.Key).ToLowerInvariant();
        using (var zip = ZipFile.Open(Path.Combine(_temp["feed"], id, "1.0.0", $"{id}.1.0.0.nupkg"), ZipArchiveMode.Update))
        {
            zip.GetEntry("skillmix/chunks.json")!.Delete();
            using var write = new StreamWriter(zip.CreateEntry("skillmix/chunks.json").Open());
            write.Write(chunks.Replace("KEY", manifest.Key, StringComparison.Ordinal));
        }

        var target = StepStore.Open(_temp["store-b"]);
        var pull = await Cache(_temp["feed"]).PullAsync(target, manifest.Key, default);
        Assert.Equal(RemotePullOutcome.Rejected, pull.Outcome);
        Assert.Contains("skillmix/chunks.json", pull.Problem);
        Assert.False(target.Contains(manifest.Key));
    }

    [Fact]
    public async Task A_key_the_feed_does_not_have_is_not_on_the_feed_and_no_warning()
    {
        var store = StepStore.Open(_temp["store"]);
        var manifest = Entries.Save(store, _temp.Path, 100);
        await Cache(_temp["feed"], push: true).PushAsync(store, manifest, default);
        var pull = await Cache(_temp["feed"]).PullAsync(StepStore.Open(_temp["other"]), new string('a', 64), default);
        Assert.Equal(RemotePullOutcome.NotOnFeed, pull.Outcome);
        Assert.Equal(RemotePullOutcome.NotOnFeed, (await Cache(_temp["missing-feed"]).PullAsync(store, manifest.Key, default)).Outcome);
        Assert.Empty(_warnings);
    }

    [Fact]
    public void Chunks_are_at_most_the_cap_and_a_shared_blob_is_packed_once()
    {
        var store = StepStore.Open(_temp["store"]);
        var manifest = Entries.Save(store, _temp.Path, 2500);
        var chunks = StepPackageWriter.PlanChunks(manifest, 1000);
        var big = manifest.Files.Single(f => f.Path == "a.bin").Blob;
        Assert.Equal([1000L, 1000L, 500L], chunks.Where(c => c.Blob == big).OrderBy(c => c.Index).Select(c => c.Size));
        Assert.Equal(2, chunks.Select(c => c.Blob).Distinct().Count());
        Assert.All(chunks.GroupBy(c => c.Part), part => Assert.True(part.Sum(c => c.Size) <= 1000));
    }

    private RemoteCache Cache(string feed, bool push = false, long max = RemoteCacheOptions.DefaultMaxPackageBytes) =>
        new(new RemoteCacheOptions(feed, push, null, max), _warnings.Add);
}
