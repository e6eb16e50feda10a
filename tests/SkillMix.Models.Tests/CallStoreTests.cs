using System.Text.Json;
using Microsoft.Extensions.AI;
using SkillMix.Core.Conversations;
using SkillMix.FakeModelServer;
using SkillMix.Models.Backends;
using SkillMix.Models.Store;
using SkillMix.Models.Tests.Support;

namespace SkillMix.Models.Tests;

/// <summary>The call store in its three modes, against a real backend and the fake server's call counter.</summary>
public sealed class CallStoreTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "skillmix-calls-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private (IChatClient Client, CallStoreChatClient Store) Pipeline(FakeServer server, CallStoreMode mode, string? key = TestBackends.Key, ModelProvider provider = ModelProvider.OpenAI)
    {
        var settings = TestBackends.Settings(server, provider);
        CallStoreChatClient? store = null;
        var client = new ChatClientBuilder(TestBackends.Create(settings, key))
            .Use(inner => store = new CallStoreChatClient(inner, new CallStore(_root), mode, CallIdentity.Of(settings)))
            .Build();
        return (client, store!);
    }

    private static ChatOptions Repeat(int repeat, float temperature = 0.7f) =>
        new() { Temperature = temperature, AdditionalProperties = new() { [ChatOptionKeys.Repeat] = repeat } };

    [Fact]
    public async Task Live_mode_calls_once_then_answers_from_the_store_and_keeps_model_usage_and_raw_bodies()
    {
        await using var server = await FakeServer.StartAsync(new FakeServerOptions { ReportedModel = _ => "gpt-4-0613" });
        var (client, store) = Pipeline(server, CallStoreMode.Live);

        var first = await client.GetResponseAsync(TestBackends.Ask("Sewing"), Repeat(1));
        var second = await client.GetResponseAsync(TestBackends.Ask("Sewing"), Repeat(1));

        Assert.Equal(1, server.RequestCount);
        Assert.Equal((1, 1), (store.Calls, store.Hits));
        Assert.Equal(first.Text, second.Text);
        Assert.Equal("gpt-4-0613", second.ModelId);
        var file = Assert.Single(Directory.GetFiles(_root, "*.json", SearchOption.AllDirectories));
        using var record = JsonDocument.Parse(File.ReadAllText(file));
        var root = record.RootElement;
        Assert.Equal("gpt-4-0613", root.GetProperty("modelId").GetString());
        Assert.Equal(2, root.GetProperty("inputTokens").GetInt64());
        Assert.Equal("gpt-4", root.GetProperty("raw").GetProperty("request").GetProperty("model").GetString());
        Assert.Equal("Answer: Sewing", root.GetProperty("raw").GetProperty("response").GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString());
        Assert.Equal(Path.GetFileNameWithoutExtension(file), root.GetProperty("key").GetString());
    }

    [Fact]
    public async Task The_repeat_index_and_decoding_parameters_make_distinct_calls()
    {
        await using var server = await FakeServer.StartAsync();
        var (client, _) = Pipeline(server, CallStoreMode.Live);

        await client.GetResponseAsync(TestBackends.Ask("Knots"), Repeat(1));
        await client.GetResponseAsync(TestBackends.Ask("Knots"), Repeat(2));
        await client.GetResponseAsync(TestBackends.Ask("Knots"), Repeat(2, temperature: 0));
        await client.GetResponseAsync(TestBackends.Ask("Knots"), Repeat(2));

        Assert.Equal(3, server.RequestCount);
    }

    [Fact]
    public async Task Record_mode_always_calls_and_overwrites_what_live_mode_then_replays()
    {
        var replies = 0;
        await using var server = await FakeServer.StartAsync(new FakeServerOptions { Reply = _ => $"reply {Interlocked.Increment(ref replies)}" });
        var (live, _) = Pipeline(server, CallStoreMode.Live);
        var (record, _) = Pipeline(server, CallStoreMode.Record);

        Assert.Equal("reply 1", (await live.GetResponseAsync(TestBackends.Ask("Dueling"))).Text);
        Assert.Equal("reply 2", (await record.GetResponseAsync(TestBackends.Ask("Dueling"))).Text);
        Assert.Equal("reply 2", (await live.GetResponseAsync(TestBackends.Ask("Dueling"))).Text);

        Assert.Equal(2, server.RequestCount);
        Assert.Single(Directory.GetFiles(_root, "*.json", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Replay_only_answers_without_a_key_and_a_miss_shows_the_missing_request()
    {
        await using var server = await FakeServer.StartAsync();
        var (live, _) = Pipeline(server, CallStoreMode.Live);
        var recorded = await live.GetResponseAsync(TestBackends.Ask("Beekeeping"), Repeat(1));
        var (replay, _) = Pipeline(server, CallStoreMode.ReplayOnly, key: null);

        var replayed = await replay.GetResponseAsync(TestBackends.Ask("Beekeeping"), Repeat(1));
        var miss = await Assert.ThrowsAsync<CallStoreException>(() => replay.GetResponseAsync(TestBackends.Ask("Beekeeping"), Repeat(2)));

        Assert.Equal(recorded.Text, replayed.Text);
        Assert.Equal(1, server.RequestCount);
        Assert.Contains("Replay-only", miss.Message, StringComparison.Ordinal);
        Assert.Contains("\"text\": \"Beekeeping\"", miss.Message, StringComparison.Ordinal);
        Assert.Contains("\"skillmix.repeat\": 2", miss.Message, StringComparison.Ordinal);
        Assert.StartsWith(_root, miss.Path, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Errors_and_empty_replies_are_not_stored()
    {
        await using var server = await FakeServer.StartAsync(new FakeServerOptions { Reply = r => r.LastUserText == "empty" ? "" : "fine" });
        server.Enqueue(FakeFault.ServerError(400));
        var (client, store) = Pipeline(server, CallStoreMode.Live);

        await Assert.ThrowsAnyAsync<Exception>(() => client.GetResponseAsync(TestBackends.Ask("Urbanism")));
        await client.GetResponseAsync(TestBackends.Ask("Urbanism"));
        await client.GetResponseAsync(TestBackends.Ask("empty"));
        await client.GetResponseAsync(TestBackends.Ask("empty"));

        Assert.Equal(4, server.RequestCount);
        Assert.Equal(2, store.EmptyReplies);
        Assert.Single(Directory.GetFiles(_root, "*.json", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task An_interrupted_run_resumes_without_repeating_a_finished_call()
    {
        using var interrupt = new CancellationTokenSource();
        await using var server = await FakeServer.StartAsync(new FakeServerOptions
        {
            // The 8th request pulls the plug while the server is answering it, as Ctrl+C would.
            Reply = r =>
            {
                if (r.LastUserText == "topic 7")
                {
                    interrupt.Cancel();
                }
                return "text about " + r.LastUserText;
            },
        });
        var topics = Enumerable.Range(0, 20).Select(i => $"topic {i}").ToList();
        var (first, _) = Pipeline(server, CallStoreMode.Live);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            foreach (var topic in topics)
            {
                await first.GetResponseAsync(TestBackends.Ask(topic), cancellationToken: interrupt.Token);
            }
        });
        var storedAfterInterruption = new CallStore(_root).Keys().Count();
        var requestsBeforeResume = server.RequestCount;

        var (resumed, store) = Pipeline(server, CallStoreMode.Live);
        foreach (var topic in topics)
        {
            await resumed.GetResponseAsync(TestBackends.Ask(topic));
        }

        Assert.Equal(8, requestsBeforeResume);
        Assert.InRange(storedAfterInterruption, 7, 8);
        Assert.Equal(20 - storedAfterInterruption, server.RequestCount - requestsBeforeResume);
        Assert.Equal(storedAfterInterruption, store.Hits);
        Assert.Equal(20, new CallStore(_root).Keys().Count());
    }

    [Fact]
    public async Task Leftover_temporary_files_are_ignored_and_a_damaged_record_names_its_file()
    {
        await using var server = await FakeServer.StartAsync();
        var (client, _) = Pipeline(server, CallStoreMode.Live);
        await client.GetResponseAsync(TestBackends.Ask("Gardening"));
        var file = Assert.Single(Directory.GetFiles(_root, "*.json", SearchOption.AllDirectories));
        File.WriteAllText(file + ".0123.tmp", "{ \"key\": \"half a rec");

        Assert.Single(new CallStore(_root).Keys());
        await client.GetResponseAsync(TestBackends.Ask("Gardening"));
        Assert.Equal(1, server.RequestCount);

        File.WriteAllText(file, "{ \"key\": \"half a rec");
        var error = await Assert.ThrowsAsync<CallStoreException>(() => client.GetResponseAsync(TestBackends.Ask("Gardening")));
        Assert.Contains(file, error.Message, StringComparison.Ordinal);
        Assert.Contains("Delete the file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Concurrent_callers_of_overlapping_requests_all_get_answers_and_whole_records()
    {
        await using var server = await FakeServer.StartAsync(new FakeServerOptions { Latency = TimeSpan.FromMilliseconds(20) });
        var (client, _) = Pipeline(server, CallStoreMode.Live);

        var replies = await Task.WhenAll(Enumerable.Range(0, 60).Select(i => client.GetResponseAsync(TestBackends.Ask($"topic {i % 12}"))));

        Assert.All(replies.Select((r, i) => (r, i)), p => Assert.Equal($"Answer: topic {p.i % 12}", p.r.Text));
        var store = new CallStore(_root);
        Assert.Equal(12, store.Keys().Count());
        Assert.All(store.Keys(), key => Assert.NotNull(store.TryRead(key)));
        Assert.Empty(Directory.GetFiles(_root, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Streaming_callers_get_the_stored_reply()
    {
        await using var server = await FakeServer.StartAsync();
        var (client, _) = Pipeline(server, CallStoreMode.Live, provider: ModelProvider.Anthropic);

        var first = await client.GetStreamingResponseAsync(TestBackends.Ask("Triathlons")).ToChatResponseAsync();
        var second = await client.GetStreamingResponseAsync(TestBackends.Ask("Triathlons")).ToChatResponseAsync();

        Assert.Equal("Answer: Triathlons", first.Text);
        Assert.Equal(first.Text, second.Text);
        Assert.Equal(1, server.RequestCount);
    }

    [Fact]
    public void A_call_store_path_blocked_by_a_file_names_it_and_SKILLMIX_CALLS()
    {
        Directory.CreateDirectory(_root);
        var file = Path.Combine(_root, "calls");
        File.WriteAllText(file, "not a folder");

        var error = Assert.Throws<CallStoreException>(() => new CallStore(Path.Combine(file, "inner")));

        Assert.Contains($"The call store {Path.Combine(file, "inner")} cannot be created", error.Message, StringComparison.Ordinal);
        Assert.Contains("SKILLMIX_CALLS", error.Message, StringComparison.Ordinal);
    }
}
