namespace SkillMix.Store.NuGet;

/// <summary>Where the remote step cache is and what this build may do with it.</summary>
/// <param name="Source">A local folder or an HTTP(S) NuGet v3 service index (…/index.json).</param>
/// <param name="Push">Push entries this build computed (and `cache push` pushes), not only pull.</param>
/// <param name="ApiKey">The feed's API key for pushing; read from an environment variable, never from a file.</param>
/// <param name="MaxPackageBytes">
/// The largest package to write: an entry with more content is split across parts. The default stays under nuget.org's
/// 250 MB cap with room for the zip format's overhead.
/// </param>
public sealed record RemoteCacheOptions(string Source, bool Push = false, string? ApiKey = null, long MaxPackageBytes = RemoteCacheOptions.DefaultMaxPackageBytes)
{
    public const long DefaultMaxPackageBytes = 200L * 1024 * 1024;

    /// <summary>The environment variable the API key is read from.</summary>
    public const string ApiKeyVariable = "SKILLMIX_REMOTE_CACHE_API_KEY";

    public bool IsHttp => Source.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
        || Source.StartsWith("https://", StringComparison.OrdinalIgnoreCase);

    /// <summary>Options for a source, with the API key from <see cref="ApiKeyVariable"/>.</summary>
    public static RemoteCacheOptions FromEnvironment(string source, bool push, long? maxPackageBytes = null) =>
        new(source, push, Environment.GetEnvironmentVariable(ApiKeyVariable) is { Length: > 0 } key ? key : null,
            maxPackageBytes ?? DefaultMaxPackageBytes);
}
