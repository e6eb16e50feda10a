using System.CommandLine;
using SkillMix.Experiments.Spec;
using SkillMix.Store.NuGet;

namespace SkillMix.Cli.Commands;

/// <summary>The options that name a remote step cache, shared by `step run`, `verify` and `cache push|pull`.</summary>
internal sealed class RemoteCacheCommandOptions
{
    public Option<string?> Source { get; } = new("--remote-cache")
    {
        Description = "A NuGet feed used as a remote step cache: a local folder or an HTTP v3 service index URL. Steps missing " +
            "from the local store are pulled from it (and checked) before they are run.",
        HelpName = "feed",
    };

    public Option<bool> Push { get; } = new("--remote-cache-push")
    {
        Description = $"Also push steps that ran to the remote cache. The API key, if the feed needs one, is read from ${RemoteCacheOptions.ApiKeyVariable}.",
    };

    public Option<string?> MaxPackage { get; } = new("--remote-cache-max-package")
    {
        Description = "The largest package to push (e.g. 200M, the default; 1G); larger entries are split into parts.",
        HelpName = "size",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Source);
        command.Options.Add(Push);
        command.Options.Add(MaxPackage);
    }

    /// <summary>The remote cache the options name, or null; a feed that cannot be reached is reported once on <paramref name="log"/>.</summary>
    public RemoteCache? Create(ParseResult parse, TextWriter log, bool forcePush = false)
    {
        var source = parse.GetValue(Source);
        if (string.IsNullOrWhiteSpace(source))
        {
            return null;
        }
        long? max = null;
        if (parse.GetValue(MaxPackage) is { Length: > 0 } text)
        {
            max = CacheUnits.TryParseSize(text, out var bytes) && bytes > 0 ? bytes : throw new ArgumentException(
                $"--remote-cache-max-package (SkillMixRemoteCacheMaxPackageSize) is '{text}', not a size such as 200M or 1G.");
        }
        var options = RemoteCacheOptions.FromEnvironment(source, forcePush || parse.GetValue(Push), max);
        return new RemoteCache(options, message => log.WriteLine($"skillmix: warning {ErrorCodes.RemoteCacheUnavailable}: {message}"));
    }
}
