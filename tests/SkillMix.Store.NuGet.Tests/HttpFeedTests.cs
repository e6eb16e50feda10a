using System.IO.Compression;
using System.Net;
using System.Net.Sockets;

namespace SkillMix.Store.NuGet.Tests;

public sealed class HttpFeedTests : IAsyncLifetime
{
    private readonly TempFolder _temp = new();
    private readonly List<string> _warnings = [];
    private LoopbackFeed _feed = null!;

    public async Task InitializeAsync() => _feed = await LoopbackFeed.StartAsync();

    public async Task DisposeAsync()
    {
        await _feed.DisposeAsync();
        _temp.Dispose();
    }

    [Fact]
    public async Task An_entry_pushed_to_an_http_v3_feed_is_pulled_into_an_empty_store()
    {
        var source = StepStore.Open(_temp["store-a"]);
        var manifest = Entries.Save(source, _temp.Path, 7000);
        var push = new RemoteCache(new RemoteCacheOptions(_feed.IndexUrl, true, "secret-key", 3000), _warnings.Add);

        Assert.True(await push.PushAsync(source, manifest, default), string.Join("\n", _warnings));
        Assert.True(_feed.Ids.Contains(StepPackageNames.Id(manifest.Key).ToLowerInvariant()), string.Join("\n", _feed.Requests));
        Assert.True(_feed.Pushes >= 3, $"{_feed.Pushes} pushes"); // 7000 bytes under a 3000-byte cap: three parts at least
        Assert.All(_feed.ApiKeys, key => Assert.Equal("secret-key", key));
        var pushes = _feed.Pushes;
        Assert.False(await push.PushAsync(source, manifest, default));
        Assert.Equal(pushes, _feed.Pushes);

        var target = StepStore.Open(_temp["store-b"]);
        var pull = await new RemoteCache(new RemoteCacheOptions(_feed.IndexUrl), _warnings.Add).PullAsync(target, manifest.Key, default);
        Assert.Equal(RemotePullOutcome.Pulled, pull.Outcome);
        Assert.Equal(Entries.Restored(source, manifest.Key, _temp["a"]), Entries.Restored(target, manifest.Key, _temp["b"]));
        Assert.Empty(_warnings);
    }

    [Fact]
    public async Task A_tampered_package_on_an_http_feed_is_rejected()
    {
        var source = StepStore.Open(_temp["store-a"]);
        var manifest = Entries.Save(source, _temp.Path, 500);
        await new RemoteCache(new RemoteCacheOptions(_feed.IndexUrl, true), _warnings.Add).PushAsync(source, manifest, default);
        var blob = manifest.Files.Single(f => f.Path == "notes/readme.txt").Blob;
        _feed.Replace(StepPackageNames.Id(manifest.Key), bytes =>
        {
            using var memory = new MemoryStream();
            memory.Write(bytes);
            using (var zip = new ZipArchive(memory, ZipArchiveMode.Update, leaveOpen: true))
            {
                zip.GetEntry($"skillmix/blobs/{blob}.0")!.Delete();
                using var write = new StreamWriter(zip.CreateEntry($"skillmix/blobs/{blob}.0").Open());
                write.Write("trained on two\n");
            }
            return memory.ToArray();
        });

        var target = StepStore.Open(_temp["store-b"]);
        var pull = await new RemoteCache(new RemoteCacheOptions(_feed.IndexUrl), _warnings.Add).PullAsync(target, manifest.Key, default);
        Assert.Equal(RemotePullOutcome.Rejected, pull.Outcome);
        Assert.Contains("'notes/readme.txt' does not match the manifest", pull.Problem);
        Assert.False(target.Contains(manifest.Key));
    }

    [Fact]
    public async Task A_feed_that_is_down_gives_one_warning_and_the_build_goes_on_locally()
    {
        // A port that was free a moment ago and has no listener: connections are refused.
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var store = StepStore.Open(_temp["store"]);
        var manifest = Entries.Save(store, _temp.Path, 100);
        var dead = new RemoteCache(new RemoteCacheOptions($"http://127.0.0.1:{port}/v3/index.json", true), _warnings.Add);

        Assert.Equal(RemotePullOutcome.Unavailable, (await dead.PullAsync(store, new string('b', 64), default)).Outcome);
        Assert.False(await dead.PushAsync(store, manifest, default));
        Assert.Equal(RemotePullOutcome.Unavailable, (await dead.PullAsync(store, new string('c', 64), default)).Outcome);

        var warning = Assert.Single(_warnings);
        Assert.Contains($"127.0.0.1:{port}", warning);
        Assert.Contains("continuing with the local store only", warning);
        Assert.True(dead.IsDown);
        Assert.True(store.Contains(manifest.Key));
    }
}
