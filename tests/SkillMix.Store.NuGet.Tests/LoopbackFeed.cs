using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using NuGet.Packaging;

namespace SkillMix.Store.NuGet.Tests;

/// <summary>
/// The smallest NuGet v3 feed a client needs: a service index, a flat container (PackageBaseAddress/3.0.0) and a push
/// endpoint (PackagePublish/2.0.0), on 127.0.0.1 with packages kept in memory.
/// </summary>
public sealed class LoopbackFeed : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, byte[]> _packages = new(StringComparer.OrdinalIgnoreCase);
    private int _pushes;

    private LoopbackFeed(WebApplication app) => _app = app;

    public string IndexUrl { get; private set; } = "";

    public int Pushes => Volatile.Read(ref _pushes);

    public ConcurrentQueue<string> ApiKeys { get; } = new();

    /// <summary>Every request as "METHOD path", for failure messages.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    /// <summary>Package ids (lower case) on the feed.</summary>
    public IReadOnlyCollection<string> Ids => [.. _packages.Keys.Select(k => k.Split('/')[0])];

    public static async Task<LoopbackFeed> StartAsync()
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var feed = new LoopbackFeed(app);
        app.Run(feed.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        feed.IndexUrl = address + "/v3/index.json";
        return feed;
    }

    /// <summary>Replaces a stored package's bytes (to play a tampered feed).</summary>
    public void Replace(string id, Func<byte[], byte[]> change)
    {
        var key = $"{id.ToLowerInvariant()}/1.0.0";
        _packages[key] = change(_packages[key]);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        Requests.Enqueue($"{context.Request.Method} {path}");
        var root = $"{context.Request.Scheme}://{context.Request.Host}";
        if (path == "/v3/index.json")
        {
            await Json(context, new JsonObject
            {
                ["version"] = "3.0.0",
                ["resources"] = new JsonArray(
                    new JsonObject { ["@id"] = root + "/v3/flat/", ["@type"] = "PackageBaseAddress/3.0.0" },
                    new JsonObject { ["@id"] = root + "/api/v2/package", ["@type"] = "PackagePublish/2.0.0" }),
            });
            return;
        }
        if (path == "/api/v2/package" && context.Request.Method == "PUT")
        {
            ApiKeys.Enqueue(context.Request.Headers["X-NuGet-ApiKey"].ToString());
            var form = await context.Request.ReadFormAsync();
            using var memory = new MemoryStream();
            await form.Files[0].CopyToAsync(memory);
            var bytes = memory.ToArray();
            using var reader = new PackageArchiveReader(new MemoryStream(bytes));
            var identity = reader.GetIdentity();
            var added = _packages.TryAdd($"{identity.Id.ToLowerInvariant()}/{identity.Version.ToNormalizedString()}", bytes);
            Interlocked.Increment(ref _pushes);
            context.Response.StatusCode = added ? 201 : 409;
            return;
        }
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (parts is ["v3", "flat", var id, "index.json"])
        {
            var versions = _packages.Keys.Where(k => k.StartsWith(id.ToLowerInvariant() + "/", StringComparison.Ordinal)).Select(k => k.Split('/')[1]);
            if (!versions.Any())
            {
                context.Response.StatusCode = 404;
                return;
            }
            await Json(context, new JsonObject { ["versions"] = new JsonArray([.. versions.Select(v => (JsonNode)v)]) });
            return;
        }
        if (parts is ["v3", "flat", var pid, var version, _] && _packages.TryGetValue($"{pid}/{version}", out var package))
        {
            context.Response.ContentType = "application/octet-stream";
            await context.Response.Body.WriteAsync(package);
            return;
        }
        context.Response.StatusCode = 404;
    }

    private static async Task Json(HttpContext context, JsonObject body)
    {
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString());
    }
}
