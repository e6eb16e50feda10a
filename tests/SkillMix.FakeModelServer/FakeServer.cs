using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace SkillMix.FakeModelServer;

/// <summary>
/// A chat model server on 127.0.0.1 (a free port) for tests: OpenAI /v1/chat/completions, Azure OpenAI
/// /openai/deployments/{d}/chat/completions and /openai/v1/chat/completions, Anthropic /v1/messages. It replies
/// deterministically, plays scripted faults in order, counts and records requests, and stops on Dispose or after its
/// lifetime.
/// </summary>
public sealed class FakeServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly FakeServerOptions _options;
    private readonly ConcurrentQueue<FakeFault> _faults = new();
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly CancellationTokenSource _lifetime;
    private int _count;
    private int _inFlight;
    private int _maxInFlight;
    private int _disposed;

    private FakeServer(WebApplication app, FakeServerOptions options)
    {
        _app = app;
        _options = options;
        _lifetime = new CancellationTokenSource(options.Lifetime);
        _lifetime.Token.Register(() => _ = _app.StopAsync());
    }

    /// <summary>http://127.0.0.1:PORT/</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The OpenAI-style endpoint, BaseAddress + "v1".</summary>
    public Uri OpenAIEndpoint => new(BaseAddress, "v1");

    /// <summary>Requests received (fault or not), including those refused.</summary>
    public int RequestCount => Volatile.Read(ref _count);

    /// <summary>The most requests the server was handling at one time.</summary>
    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    public IReadOnlyList<RecordedRequest> Requests => _requests.OrderBy(r => r.Number).ToList();

    public static async Task<FakeServer> StartAsync(FakeServerOptions? options = null)
    {
        options ??= new FakeServerOptions();
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen =>
        {
            if (options.Certificate is { } certificate)
            {
                listen.UseHttps(certificate);
            }
        }));
        var app = builder.Build();
        var server = new FakeServer(app, options);
        app.Run(server.HandleAsync);
        await app.StartAsync().ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseAddress = new Uri(address.TrimEnd('/') + "/");
        return server;
    }

    /// <summary>Plays these faults on the next requests, in order.</summary>
    public void Enqueue(params FakeFault[] faults)
    {
        foreach (var fault in faults)
        {
            _faults.Enqueue(fault);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }
        await _lifetime.CancelAsync().ConfigureAwait(false);
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _lifetime.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var inFlight = Interlocked.Increment(ref _inFlight);
        for (var max = Volatile.Read(ref _maxInFlight); inFlight > max; max = Volatile.Read(ref _maxInFlight))
        {
            if (Interlocked.CompareExchange(ref _maxInFlight, inFlight, max) == max)
            {
                break;
            }
        }
        try
        {
            await ServeAsync(context).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private async Task ServeAsync(HttpContext context)
    {
        var number = Interlocked.Increment(ref _count);
        var request = context.Request;
        string body;
        using (var reader = new StreamReader(request.Body, Encoding.UTF8))
        {
            body = await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
        }
        var path = request.Path.Value ?? "/";
        if (_options.RecordRequests)
        {
            _requests.Enqueue(new RecordedRequest(number, request.Method, path, request.QueryString.Value ?? "",
                request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString()), body, DateTimeOffset.UtcNow));
        }

        var format = path == "/v1/messages" ? WireFormat.Anthropic : WireFormat.OpenAI;
        var deployment = DeploymentOf(path);
        var known = format == WireFormat.Anthropic
            || path is "/v1/chat/completions" or "/openai/v1/chat/completions"
            || (deployment is not null && path == $"/openai/deployments/{deployment}/chat/completions");
        if (number > _options.MaxRequests)
        {
            await Respond(context, 503, WireFormat.Error(format, 503, $"the fake server's MaxRequests ({_options.MaxRequests}) is used up")).ConfigureAwait(false);
            return;
        }
        if (request.Method != "POST" || !known)
        {
            await Respond(context, 404, WireFormat.Error(format, 404, $"no route for {request.Method} {path}")).ConfigureAwait(false);
            return;
        }
        if (_options.RequiredKey is { } key && !CarriesKey(request, key))
        {
            await Respond(context, 401, WireFormat.Error(format, 401, "invalid api key")).ConfigureAwait(false);
            return;
        }
        if (deployment is not null && _options.Deployments is { } deployments && !deployments.Contains(deployment))
        {
            await Respond(context, 404, WireFormat.Error(format, 404, $"DeploymentNotFound: the deployment '{deployment}' does not exist")).ConfigureAwait(false);
            return;
        }

        var delay = _options.Latency;
        if (_faults.TryDequeue(out var fault))
        {
            switch (fault.Kind)
            {
                case FakeFaultKind.ConnectionReset:
                    context.Abort();
                    return;
                case FakeFaultKind.MalformedJson:
                    await Respond(context, 200, "{\"id\": \"chatcmpl-broken\", \"choices\": ["u8.ToArray()).ConfigureAwait(false);
                    return;
                case FakeFaultKind.Status:
                    if (fault.RetryAfterSeconds is { } seconds)
                    {
                        context.Response.Headers["Retry-After"] = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    }
                    if (fault.RetryAfterMilliseconds is { } ms)
                    {
                        context.Response.Headers["retry-after-ms"] = ms.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    }
                    var error = fault.Body is null ? WireFormat.Error(format, fault.StatusCode, $"scripted {fault.StatusCode}") : Encoding.UTF8.GetBytes(fault.Body);
                    await Respond(context, fault.StatusCode, error).ConfigureAwait(false);
                    return;
                case FakeFaultKind.Slow:
                    delay += fault.Delay;
                    break;
            }
        }

        JsonElement json;
        try
        {
            json = JsonDocument.Parse(body).RootElement;
        }
        catch (JsonException e)
        {
            await Respond(context, 400, WireFormat.Error(format, 400, "request body is not JSON: " + e.Message)).ConfigureAwait(false);
            return;
        }
        var (model, lastUserText, promptCharacters) = WireFormat.Read(json);
        model = deployment ?? model;
        var text = _options.Reply(new FakeChatRequest(format, model, lastUserText, body));
        if (delay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(delay, context.RequestAborted).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
        var reply = WireFormat.Reply(format, _options.ReportedModel(model), text, WireFormat.Tokens(promptCharacters), WireFormat.Tokens(text.Length), number);
        await Respond(context, 200, reply).ConfigureAwait(false);
    }

    private static bool CarriesKey(HttpRequest request, string key) =>
        request.Headers.Authorization.ToString() == "Bearer " + key
        || request.Headers["api-key"].ToString() == key
        || request.Headers["x-api-key"].ToString() == key;

    private static string? DeploymentOf(string path)
    {
        const string prefix = "/openai/deployments/";
        if (!path.StartsWith(prefix, StringComparison.Ordinal))
        {
            return null;
        }
        var rest = path[prefix.Length..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? rest : rest[..slash];
    }

    private static async Task Respond(HttpContext context, int status, byte[] body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
    }
}
