namespace SkillMix.Store;

/// <summary>
/// Where the store lives when nobody says: outside any repository, shared by every experiment of the user, so a clean
/// clone of an experiment restores what another clone already computed.
/// </summary>
public static class StoreLocation
{
    public const string EnvironmentVariable = "SKILLMIX_STORE";

    /// <summary>$SKILLMIX_STORE if set, else $XDG_CACHE_HOME/skillmix/store, else ~/.cache/skillmix/store.</summary>
    public static string Default() => Default(Environment.GetEnvironmentVariable,
        Environment.GetFolderPath(Environment.SpecialFolder.UserProfile));

    /// <summary>The same rule over a given environment, so it can be checked without changing the process's.</summary>
    public static string Default(Func<string, string?> environment, string home)
    {
        var explicitStore = environment(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(explicitStore))
        {
            return Path.GetFullPath(explicitStore);
        }
        // The XDG base-directory rules say a relative XDG_CACHE_HOME is invalid and must be ignored.
        var cacheHome = environment("XDG_CACHE_HOME");
        if (!string.IsNullOrWhiteSpace(cacheHome) && Path.IsPathRooted(cacheHome))
        {
            return Path.Combine(cacheHome, "skillmix", "store");
        }
        if (string.IsNullOrWhiteSpace(home))
        {
            throw new StoreException(
                $"Cannot find a place for the step store: no home folder, and neither {EnvironmentVariable} nor " +
                "XDG_CACHE_HOME is set. Set SKILLMIX_STORE to a folder, or pass the store path explicitly.");
        }
        return Path.Combine(home, ".cache", "skillmix", "store");
    }

    /// <summary>An explicit path (from --store or an MSBuild property) if given, else <see cref="Default()"/>.</summary>
    public static string Resolve(string? explicitPath) =>
        string.IsNullOrWhiteSpace(explicitPath) ? Default() : Path.GetFullPath(explicitPath);
}
