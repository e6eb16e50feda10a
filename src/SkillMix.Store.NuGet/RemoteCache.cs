using NuGet.Common;
using NuGet.Configuration;
using NuGet.Packaging;
using NuGet.Packaging.Signing;
using NuGet.Protocol;
using NuGet.Protocol.Core.Types;

namespace SkillMix.Store.NuGet;

/// <summary>
/// The remote step cache: store entries as packages on a NuGet feed, a local folder or an HTTP v3 feed, through the same
/// NuGet.Protocol resources. Pulls are checked before use (<see cref="StepPackageReader"/>). A feed that cannot be reached
/// is reported once through <paramref name="warn"/> and then left alone, so the build goes on with local work.
/// </summary>
public sealed class RemoteCache(RemoteCacheOptions options, Action<string> warn)
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan PushTimeout = TimeSpan.FromMinutes(10);

    private readonly SourceRepository _repository = Repository.Factory.GetCoreV3(options.Source);
    private readonly ILogger _logger = NullLogger.Instance;
    private bool? _reachable;

    public RemoteCacheOptions Options => options;

    /// <summary>True once the feed failed to answer; this instance does not ask it again.</summary>
    public bool IsDown => _reachable == false;

    /// <summary>Downloads the entry of <paramref name="key"/>, checks it and imports it into <paramref name="store"/>.</summary>
    public async Task<RemotePull> PullAsync(StepStore store, string key, CancellationToken cancellationToken)
    {
        if (!options.IsHttp && !Directory.Exists(options.Source))
        {
            return new RemotePull(RemotePullOutcome.NotOnFeed);
        }
        if (!await IsReachableAsync(cancellationToken))
        {
            return new RemotePull(RemotePullOutcome.Unavailable);
        }
        var work = Directory.CreateTempSubdirectory("skillmix-pull-").FullName;
        try
        {
            var finder = await FinderAsync(cancellationToken);
            using var cache = NewCacheContext();
            var manifest = await StepPackageReader.ImportAsync(store, key, options.Source, async id =>
            {
                var path = Path.Combine(work, id + ".nupkg");
                bool found;
                using (var stream = File.Create(path))
                {
                    found = await finder.CopyNupkgToStreamAsync(id, StepPackageNames.Version, stream, cache, _logger, cancellationToken);
                }
                return found ? path : null;
            }, work);
            return manifest is null ? new RemotePull(RemotePullOutcome.NotOnFeed) : new RemotePull(RemotePullOutcome.Pulled, manifest);
        }
        catch (StoreException e)
        {
            return new RemotePull(RemotePullOutcome.Rejected, null, e.Message);
        }
        catch (Exception e) when (IsFeedFailure(e, cancellationToken))
        {
            GoDown(e);
            return new RemotePull(RemotePullOutcome.Unavailable);
        }
        finally
        {
            DeleteQuietly(work);
        }
    }

    /// <summary>
    /// Pushes the entry unless the feed has it already. Returns true if it was pushed, false if it was there or the feed
    /// is down (reported once).
    /// </summary>
    public async Task<bool> PushAsync(StepStore store, StepManifest manifest, CancellationToken cancellationToken)
    {
        if (!await IsReachableAsync(cancellationToken))
        {
            return false;
        }
        var work = Directory.CreateTempSubdirectory("skillmix-push-").FullName;
        try
        {
            var finder = await FinderAsync(cancellationToken);
            using var cache = NewCacheContext();
            if (Directory.Exists(options.Source) || options.IsHttp)
            {
                if (await finder.DoesPackageExistAsync(StepPackageNames.Id(manifest.Key), StepPackageNames.Version, cache, _logger, cancellationToken))
                {
                    return false;
                }
            }
            var packages = StepPackageWriter.Write(store, manifest, work, options.MaxPackageBytes);
            if (options.IsHttp)
            {
                await PushToServerAsync(packages, cancellationToken);
            }
            else
            {
                await PushToFolderAsync(packages, cancellationToken);
            }
            return true;
        }
        catch (Exception e) when (IsFeedFailure(e, cancellationToken))
        {
            GoDown(e);
            return false;
        }
        finally
        {
            DeleteQuietly(work);
        }
    }

    /// <summary>
    /// Pushes with the NuGet push protocol (PUT multipart/form-data to the service index's PackagePublish/2.0.0 URL, key in
    /// X-NuGet-ApiKey; 409 means the package is there already). NuGet.Protocol's own push resource refuses http:// feeds
    /// unless a NuGet.Config allows them, and a feed named by a build property has no NuGet.Config entry.
    /// </summary>
    private async Task PushToServerAsync(IReadOnlyList<string> packages, CancellationToken cancellationToken)
    {
        var index = await _repository.GetResourceAsync<ServiceIndexResourceV3>(cancellationToken);
        var publish = index?.GetServiceEntryUri(ServiceTypes.PackagePublish)
            ?? throw new FatalProtocolException($"{options.Source} offers no push endpoint (PackagePublish/2.0.0 in its service index).");
        using var http = new HttpClient { Timeout = PushTimeout };
        foreach (var package in packages)
        {
            using var request = new HttpRequestMessage(HttpMethod.Put, publish);
            if (options.ApiKey is { Length: > 0 } key)
            {
                request.Headers.Add("X-NuGet-ApiKey", key);
            }
            await using var file = File.OpenRead(package);
            var content = new StreamContent(file);
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/octet-stream");
            request.Content = new MultipartFormDataContent { { content, "package", Path.GetFileName(package) } };
            using var response = await http.SendAsync(request, cancellationToken);
            if (!response.IsSuccessStatusCode && response.StatusCode != System.Net.HttpStatusCode.Conflict)
            {
                throw new FatalProtocolException(
                    $"pushing {Path.GetFileName(package)} to {publish} answered {(int)response.StatusCode} {response.ReasonPhrase}" +
                    (response.StatusCode is System.Net.HttpStatusCode.Unauthorized or System.Net.HttpStatusCode.Forbidden
                        ? $"; set {RemoteCacheOptions.ApiKeyVariable} to a key allowed to push" : ""));
            }
        }
    }

    private async Task<FindPackageByIdResource> FinderAsync(CancellationToken cancellationToken) =>
        await _repository.GetResourceAsync<FindPackageByIdResource>(cancellationToken)
            ?? throw new FatalProtocolException($"{options.Source} offers no package download (PackageBaseAddress/3.0.0 in its service index).");

    /// <summary>
    /// A local feed is written in NuGet's hierarchical layout (id/version/id.version.nupkg with its hash), which lookups by
    /// id read directly. Pushing into an empty folder would write the flat layout, so packages are added the way
    /// `nuget add` adds them.
    /// </summary>
    private async Task PushToFolderAsync(IReadOnlyList<string> packages, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(options.Source);
        var extraction = new PackageExtractionContext(PackageSaveMode.Nupkg | PackageSaveMode.Nuspec, XmlDocFileSaveMode.None,
            ClientPolicyContext.GetClientPolicy(NullSettings.Instance, _logger), _logger);
        foreach (var package in packages)
        {
            await OfflineFeedUtility.AddPackageToSource(new OfflineFeedAddContext(package, options.Source, _logger,
                throwIfSourcePackageIsInvalid: true, throwIfPackageExistsAndInvalid: false, throwIfPackageExists: false,
                extractionContext: extraction), cancellationToken);
        }
    }

    /// <summary>
    /// One quick look at an HTTP feed's service index before NuGet's own retries (seconds per request) would slow every
    /// step of a build against a dead feed.
    /// </summary>
    private async Task<bool> IsReachableAsync(CancellationToken cancellationToken)
    {
        if (_reachable is { } known)
        {
            return known;
        }
        if (!options.IsHttp)
        {
            return (_reachable = true).Value;
        }
        try
        {
            using var http = new HttpClient { Timeout = ProbeTimeout };
            using var response = await http.GetAsync(options.Source, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            response.EnsureSuccessStatusCode();
            _reachable = true;
        }
        catch (Exception e) when (IsFeedFailure(e, cancellationToken))
        {
            GoDown(e);
        }
        return _reachable!.Value;
    }

    private void GoDown(Exception e)
    {
        if (_reachable != false)
        {
            _reachable = false;
            warn($"the remote cache {options.Source} cannot be used ({Describe(e)}); continuing with the local store only. " +
                "Check the feed, or clear SkillMixRemoteCache to stop asking it.");
        }
    }

    private static string Describe(Exception e) =>
        e.InnerException is { } inner && e is FatalProtocolException ? $"{e.Message} {inner.Message}" : e.Message;

    private static bool IsFeedFailure(Exception e, CancellationToken cancellationToken) =>
        e is FatalProtocolException or HttpRequestException or IOException or UnauthorizedAccessException
        || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested);

    // Step packages are immutable and checked on import: NuGet's HTTP cache would only duplicate them on disk.
    private static SourceCacheContext NewCacheContext() => new() { NoCache = true, DirectDownload = true };

    private static void DeleteQuietly(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A temporary folder left behind costs only disk space in the temp folder.
        }
    }
}
