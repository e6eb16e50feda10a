using Microsoft.Extensions.AI;
using SkillMix.FakeModelServer;
using SkillMix.Models.Backends;
using SkillMix.Models.Limits;
using SkillMix.Models.Tests.Support;

namespace SkillMix.Models.Tests;

public sealed class CallLimitsTests
{
    [Fact]
    public async Task No_more_than_the_concurrency_limit_reaches_the_server_at_once()
    {
        await using var server = await FakeServer.StartAsync(new FakeServerOptions { Latency = TimeSpan.FromMilliseconds(150) });
        using var client = new ChatClientBuilder(TestBackends.Create(TestBackends.Settings(server, ModelProvider.OpenAI)))
            .UseCallLimits(new CallLimits { MaxConcurrency = 3 })
            .Build();

        await Task.WhenAll(Enumerable.Range(0, 9).Select(i => client.GetResponseAsync(TestBackends.Ask($"call {i}"))));

        Assert.Equal(9, server.RequestCount);
        Assert.Equal(3, server.MaxInFlight);
    }

    [Fact]
    public async Task Requests_per_minute_spread_calls_over_seconds()
    {
        var inner = new CountingChatClient();
        // 120 per minute = 2 per second: six calls need three one-second refills (the first two go at once).
        using var client = new CallLimitsChatClient(inner, new CallLimits { MaxConcurrency = 0, RequestsPerMinute = 120 });

        await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => client.GetResponseAsync(TestBackends.Ask("x"))));

        var starts = inner.Starts;
        Assert.True(starts[5] - starts[0] >= TimeSpan.FromMilliseconds(1900), $"six calls took {starts[5] - starts[0]}");
        Assert.True(starts[1] - starts[0] < TimeSpan.FromMilliseconds(900), "the first second's share goes at once");
    }

    [Fact]
    public async Task A_call_held_back_seconds_by_the_per_minute_limits_is_logged_with_the_limit_to_raise()
    {
        var inner = new CountingChatClient();
        var logger = new ListLogger();
        // 60 per minute = 1 per second: the fourth of four calls waits about three seconds, the first not at all.
        using var client = new CallLimitsChatClient(inner, new CallLimits { MaxConcurrency = 0, RequestsPerMinute = 60 }, logger: logger);

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => client.GetResponseAsync(TestBackends.Ask("x"))));

        Assert.InRange(logger.Lines.Count, 1, 2);
        Assert.All(logger.Lines, line => Assert.Matches(@"^Information: a call waited [2-9]\.\d s for the per-minute limits \(Limits\.RequestsPerMinute 60, Limits\.TokensPerMinute 0; 0 = none\)", line));
    }

    [Fact]
    public async Task Tokens_per_minute_count_estimated_input_and_the_output_cap()
    {
        var inner = new CountingChatClient();
        // 600 tokens per minute = 10 per second. Each call: "abcd" is 1 token + 4 for the message, plus a cap of 5: 10 tokens,
        // so one call per second.
        using var client = new CallLimitsChatClient(inner, new CallLimits { MaxConcurrency = 0, TokensPerMinute = 600 });
        var options = new ChatOptions { MaxOutputTokens = 5 };

        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => client.GetResponseAsync(TestBackends.Ask("abcd"), options)));

        var starts = inner.Starts;
        Assert.True(starts[2] - starts[0] >= TimeSpan.FromMilliseconds(1900), $"three calls took {starts[2] - starts[0]}");
    }

    [Fact]
    public void Token_estimate_is_a_quarter_of_the_characters_plus_four_per_message()
    {
        List<ChatMessage> messages = [new(ChatRole.System, "12345678"), new(ChatRole.User, "123")];

        // ceil(11 / 4) = 3, plus 2 messages x 4.
        Assert.Equal(11, TokenEstimate.Input(messages, null));
        Assert.Equal(700, TokenEstimate.MaxOutput(null, 700));
        Assert.Equal(50, TokenEstimate.MaxOutput(new ChatOptions { MaxOutputTokens = 50 }, 700));
    }
}
