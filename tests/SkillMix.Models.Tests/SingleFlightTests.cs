using Microsoft.Extensions.AI;
using SkillMix.Core.Conversations;
using SkillMix.FakeModelServer;
using SkillMix.Models.Backends;
using SkillMix.Models.Http;
using SkillMix.Models.Store;
using SkillMix.Models.Tests.Support;

namespace SkillMix.Models.Tests;

/// <summary>
/// Identical requests in flight at once share one call, counted where it is paid: on the fake server. Each call is
/// started before the previous one can have returned (a request over HTTP never completes synchronously), so the
/// second always finds the first in flight.
/// </summary>
public sealed class SingleFlightTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "skillmix-single-flight-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private IChatClient Pipeline(FakeServer server) =>
        ModelPipeline.Build(TestBackends.Settings(server, ModelProvider.OpenAI), "generate.D1", new CallStore(_root),
            environment: TestBackends.Environment());

    private static ChatOptions Repeat(int repeat) =>
        new() { Temperature = 0.7f, Seed = 3, AdditionalProperties = new() { [ChatOptionKeys.Repeat] = repeat } };

    [Fact]
    public async Task Identical_requests_in_flight_at_once_reach_the_server_once_and_each_caller_gets_its_own_copy()
    {
        await using var server = await FakeServer.StartAsync(new FakeServerOptions { Latency = TimeSpan.FromMilliseconds(200) });
        using var client = Pipeline(server);

        var calls = Enumerable.Range(0, 3).Select(_ => client.GetResponseAsync(TestBackends.Ask("Sewing and knots"), Repeat(1))).ToList();
        var replies = await Task.WhenAll(calls);

        Assert.Equal(1, server.RequestCount);
        Assert.All(replies, r => Assert.Equal("Answer: Sewing and knots", r.Text));
        Assert.NotSame(replies[0].Messages[0], replies[1].Messages[0]);
        Assert.Equal(2, client.GetService<SingleFlightChatClient>()!.Shared);
        Assert.Single(client.GetService<CallStoreChatClient>()!.UsedKeys);
    }

    [Fact]
    public async Task Requests_that_differ_in_anything_in_the_key_are_not_merged()
    {
        await using var server = await FakeServer.StartAsync();
        using var client = Pipeline(server);

        await Task.WhenAll(
            client.GetResponseAsync(TestBackends.Ask("Sewing"), Repeat(1)),
            client.GetResponseAsync(TestBackends.Ask("Sewing"), Repeat(2)),
            client.GetResponseAsync(TestBackends.Ask("Knots"), Repeat(1)));

        Assert.Equal(3, server.RequestCount);
        Assert.Equal(0, client.GetService<SingleFlightChatClient>()!.Shared);
    }

    [Fact]
    public async Task When_the_first_call_fails_the_waiting_caller_makes_its_own()
    {
        await using var server = await FakeServer.StartAsync(new FakeServerOptions { Latency = TimeSpan.FromMilliseconds(100) });
        server.Enqueue(FakeFault.ServerError(400));
        using var client = Pipeline(server);

        var first = client.GetResponseAsync(TestBackends.Ask("Sewing"), Repeat(1));
        var second = client.GetResponseAsync(TestBackends.Ask("Sewing"), Repeat(1));

        await Assert.ThrowsAsync<ModelCallException>(() => first);
        Assert.Equal("Answer: Sewing", (await second).Text);
        Assert.Equal(2, server.RequestCount);
    }

    [Fact]
    public async Task Cancelling_the_first_caller_does_not_cancel_the_one_waiting_for_it()
    {
        await using var server = await FakeServer.StartAsync(new FakeServerOptions { Latency = TimeSpan.FromMilliseconds(300) });
        using var client = Pipeline(server);
        using var cancel = new CancellationTokenSource();

        var first = client.GetResponseAsync(TestBackends.Ask("Sewing"), Repeat(1), cancel.Token);
        var second = client.GetResponseAsync(TestBackends.Ask("Sewing"), Repeat(1));
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        Assert.Equal("Answer: Sewing", (await second).Text);
    }
}
