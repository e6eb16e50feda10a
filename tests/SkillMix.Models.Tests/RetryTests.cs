using SkillMix.FakeModelServer;
using SkillMix.Models.Backends;
using SkillMix.Models.Http;
using SkillMix.Models.Tests.Support;

namespace SkillMix.Models.Tests;

/// <summary>The one retry policy under every SDK: which failures are retried, how long it waits, which fail at once.</summary>
public sealed class RetryTests
{
    public static TheoryData<ModelProvider> Providers => [ModelProvider.OpenAI, ModelProvider.Azure, ModelProvider.Anthropic];

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_500_is_retried_once_by_us_and_not_again_by_the_SDK(ModelProvider provider)
    {
        await using var server = await FakeServer.StartAsync();
        server.Enqueue(FakeFault.ServerError(500));
        using var client = TestBackends.Create(TestBackends.Settings(server, provider));

        var response = await client.GetResponseAsync(TestBackends.Ask("hello"));

        Assert.Equal("Answer: hello", response.Text);
        Assert.Equal(2, server.RequestCount);
    }

    [Theory]
    [InlineData(408)]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(504)]
    public async Task Timeouts_and_gateway_errors_are_retried(int status)
    {
        await using var server = await FakeServer.StartAsync();
        server.Enqueue(FakeFault.ServerError(status), FakeFault.ServerError(status));
        using var client = TestBackends.Create(TestBackends.Settings(server, ModelProvider.OpenAI));

        await client.GetResponseAsync(TestBackends.Ask("hello"));

        Assert.Equal(3, server.RequestCount);
    }

    [Fact]
    public async Task A_400_is_not_retried()
    {
        await using var server = await FakeServer.StartAsync();
        server.Enqueue(FakeFault.ServerError(400));
        using var client = TestBackends.Create(TestBackends.Settings(server, ModelProvider.OpenAI));

        var error = await Assert.ThrowsAsync<ModelCallException>(() => client.GetResponseAsync(TestBackends.Ask("hello")));

        Assert.Equal(ModelCallFailure.Rejected, error.Failure);
        Assert.Equal(1, server.RequestCount);
    }

    [Fact]
    public async Task Retry_after_seconds_is_waited_even_when_the_backoff_is_short()
    {
        await using var server = await FakeServer.StartAsync();
        server.Enqueue(FakeFault.TooManyRequests(retryAfterSeconds: 1));
        using var client = TestBackends.Create(TestBackends.Settings(server, ModelProvider.OpenAI));

        await client.GetResponseAsync(TestBackends.Ask("hello"));

        var requests = server.Requests;
        Assert.Equal(2, requests.Count);
        // The backoff alone is at most 50 ms (TestBackends.FastRetry); only the header explains a gap of a second.
        Assert.True(requests[1].ReceivedAt - requests[0].ReceivedAt >= TimeSpan.FromMilliseconds(950),
            $"gap {requests[1].ReceivedAt - requests[0].ReceivedAt}");
    }

    [Fact]
    public async Task Retry_after_ms_wins_over_a_long_backoff()
    {
        await using var server = await FakeServer.StartAsync();
        server.Enqueue(FakeFault.TooManyRequests(retryAfterMilliseconds: 200));
        var settings = TestBackends.Settings(server, ModelProvider.Azure) with
        {
            Retry = TestBackends.FastRetry with { BaseDelay = TimeSpan.FromSeconds(20), MaxDelay = TimeSpan.FromSeconds(20) },
        };
        using var client = TestBackends.Create(settings);

        await client.GetResponseAsync(TestBackends.Ask("hello"));

        var requests = server.Requests;
        var gap = requests[1].ReceivedAt - requests[0].ReceivedAt;
        // Without the header the wait would be at least half of 20 s (equal jitter).
        Assert.InRange(gap, TimeSpan.FromMilliseconds(190), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Dropped_connections_malformed_replies_and_slow_attempts_are_retried()
    {
        await using var server = await FakeServer.StartAsync();
        server.Enqueue(FakeFault.Reset(), FakeFault.Malformed(), FakeFault.Slow(TimeSpan.FromSeconds(60)));
        var settings = TestBackends.Settings(server, ModelProvider.OpenAI) with
        {
            // Two seconds: long enough that a loaded machine does not time out a normal attempt, far below the slow one.
            Retry = TestBackends.FastRetry with { AttemptTimeout = TimeSpan.FromSeconds(2) },
        };
        var log = new ListLogger();
        using var client = TestBackends.Create(settings, logger: log);

        var response = await client.GetResponseAsync(TestBackends.Ask("hello"));

        Assert.Equal("Answer: hello", response.Text);
        Assert.Equal(4, server.RequestCount);
        Assert.Equal(3, log.Lines.Count);
        Assert.Contains(log.Lines, line => line.Contains("broken connection", StringComparison.Ordinal));
        Assert.Contains(log.Lines, line => line.Contains("malformed JSON", StringComparison.Ordinal));
        Assert.Contains(log.Lines, line => line.Contains("Retry.AttemptTimeout", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Exhausted_retries_fail_with_the_last_status_and_url()
    {
        await using var server = await FakeServer.StartAsync();
        server.Enqueue(FakeFault.ServerError(503), FakeFault.ServerError(503), FakeFault.ServerError(502));
        var settings = TestBackends.Settings(server, ModelProvider.Anthropic) with { Retry = TestBackends.FastRetry with { MaxRetries = 2 } };
        using var client = TestBackends.Create(settings);

        var error = await Assert.ThrowsAsync<ModelCallException>(() => client.GetResponseAsync(TestBackends.Ask("hello")));

        Assert.Equal(ModelCallFailure.RetriesExhausted, error.Failure);
        Assert.Contains("502", error.Message, StringComparison.Ordinal);
        Assert.Contains(new Uri(server.BaseAddress, "v1/messages").ToString(), error.Message, StringComparison.Ordinal);
        Assert.Equal(3, server.RequestCount);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_refused_key_fails_at_once_and_names_the_variable(ModelProvider provider)
    {
        await using var server = await FakeServer.StartAsync(new FakeServerOptions { RequiredKey = "the-right-key" });
        var settings = TestBackends.Settings(server, provider);
        using var client = TestBackends.Create(settings, key: "a-wrong-key");

        var error = await Assert.ThrowsAsync<ModelCallException>(() => client.GetResponseAsync(TestBackends.Ask("hello")));

        Assert.Equal(ModelCallFailure.Authentication, error.Failure);
        Assert.Contains(settings.KeyVariable(), error.Message, StringComparison.Ordinal);
        Assert.Contains("401", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, server.RequestCount);
    }

    [Fact]
    public async Task Insufficient_quota_is_not_retried()
    {
        await using var server = await FakeServer.StartAsync();
        server.Enqueue(FakeFault.InsufficientQuota());
        using var client = TestBackends.Create(TestBackends.Settings(server, ModelProvider.OpenAI));

        var error = await Assert.ThrowsAsync<ModelCallException>(() => client.GetResponseAsync(TestBackends.Ask("hello")));

        Assert.Equal(ModelCallFailure.QuotaExhausted, error.Failure);
        Assert.Contains("TEST_OPENAI_KEY", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, server.RequestCount);
    }

    [Fact]
    public async Task A_plain_429_is_retried_but_a_wait_beyond_the_cap_fails()
    {
        await using var server = await FakeServer.StartAsync();
        server.Enqueue(FakeFault.TooManyRequests(retryAfterSeconds: 3600));
        using var client = TestBackends.Create(TestBackends.Settings(server, ModelProvider.OpenAI));

        var error = await Assert.ThrowsAsync<ModelCallException>(() => client.GetResponseAsync(TestBackends.Ask("hello")));

        Assert.Equal(ModelCallFailure.RetriesExhausted, error.Failure);
        Assert.Contains("Retry.MaxServerDelay", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, server.RequestCount);
    }

    [Fact]
    public void Backoff_doubles_from_the_base_with_half_of_it_random_and_stops_at_the_cap()
    {
        var settings = new RetrySettings { BaseDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(10) };

        Assert.Equal(TimeSpan.FromMilliseconds(500), RetryDelay.Backoff(0, settings, 0.0));
        Assert.Equal(TimeSpan.FromMilliseconds(1000), RetryDelay.Backoff(0, settings, 1.0));
        Assert.Equal(TimeSpan.FromMilliseconds(2000 * 0.75), RetryDelay.Backoff(1, settings, 0.5));
        Assert.Equal(TimeSpan.FromMilliseconds(4000), RetryDelay.Backoff(2, settings, 1.0));
        Assert.Equal(TimeSpan.FromSeconds(10), RetryDelay.Backoff(10, settings, 1.0));
        Assert.Equal(TimeSpan.FromSeconds(5), RetryDelay.Backoff(100, settings, 0.0));
    }

    [Fact]
    public void Server_hints_are_read_from_retry_after_ms_first_then_retry_after()
    {
        var now = new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
        using var both = new HttpResponseMessage();
        both.Headers.TryAddWithoutValidation("retry-after-ms", "250.5");
        both.Headers.TryAddWithoutValidation("Retry-After", "7");
        using var seconds = new HttpResponseMessage();
        seconds.Headers.TryAddWithoutValidation("Retry-After", "7");
        using var date = new HttpResponseMessage();
        date.Headers.TryAddWithoutValidation("Retry-After", "Thu, 01 Jan 2026 12:00:30 GMT");
        using var none = new HttpResponseMessage();

        Assert.Equal(TimeSpan.FromMilliseconds(250.5), RetryDelay.FromServer(both.Headers, now));
        Assert.Equal(TimeSpan.FromSeconds(7), RetryDelay.FromServer(seconds.Headers, now));
        Assert.Equal(TimeSpan.FromSeconds(30), RetryDelay.FromServer(date.Headers, now));
        Assert.Null(RetryDelay.FromServer(none.Headers, now));
    }
}
