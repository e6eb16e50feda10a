using System.Net;
using System.Net.Sockets;
using SkillMix.FakeModelServer;

namespace SkillMix.Models.Tests;

public sealed class FakeServerTests
{
    [Fact]
    public async Task It_listens_on_loopback_only_and_stops_on_dispose()
    {
        var server = await FakeServer.StartAsync();
        var port = server.BaseAddress.Port;

        Assert.Equal("127.0.0.1", server.BaseAddress.Host);
        Assert.NotEqual(0, port);
        await server.DisposeAsync();

        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await Assert.ThrowsAsync<SocketException>(() => socket.ConnectAsync(IPAddress.Loopback, port));
    }

    [Fact]
    public async Task It_stops_by_itself_after_its_lifetime_and_refuses_past_its_request_bound()
    {
        await using var server = await FakeServer.StartAsync(new FakeServerOptions { MaxRequests = 1, Lifetime = TimeSpan.FromSeconds(3) });
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        var body = new StringContent("""{ "model": "m", "messages": [ { "role": "user", "content": "hi" } ] }""");

        // Three seconds leave a loaded machine time for the two requests before the server stops itself.
        var first = await http.PostAsync("v1/chat/completions", body);
        var second = await http.PostAsync("v1/chat/completions", body);
        var stopped = false;
        for (var attempt = 0; attempt < 100 && !stopped; attempt++)
        {
            try
            {
                using var probe = new HttpClient { BaseAddress = server.BaseAddress };
                await probe.PostAsync("v1/chat/completions", body);
                await Task.Delay(100);
            }
            catch (HttpRequestException)
            {
                stopped = true;
            }
        }

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, second.StatusCode);
        Assert.True(stopped, "the server still answered ten seconds after its three-second lifetime");
    }
}
