using System.CommandLine;
using SkillMix.Store;

namespace SkillMix.Cli.Commands;

/// <summary>The <c>--store</c> option every cache command takes, and the one way they open the store and report errors.</summary>
internal static class CacheStoreOption
{
    public static Option<string?> Create() => new("--store")
    {
        Description = $"The step store folder. Default: ${StoreLocation.EnvironmentVariable} if set, else " +
            "$XDG_CACHE_HOME/skillmix/store, else ~/.cache/skillmix/store.",
        HelpName = "path",
    };

    /// <summary>
    /// Opens the store named by --store (or the default) and runs the command. As for every skillmix command, a problem
    /// with the data (here the store: missing, unreadable, damaged) exits with 2.
    /// </summary>
    public static int Run(ParseResult parse, Option<string?> store, Func<StepStore, TextWriter, int> action)
    {
        var output = parse.InvocationConfiguration.Output;
        var error = parse.InvocationConfiguration.Error;
        try
        {
            return action(StoreAccess.OpenExisting(parse.GetValue(store), output), output);
        }
        catch (StoreException e)
        {
            error.WriteLine($"error: {e.Message}");
            return 2;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"error: {e.Message} Check that the store folder is readable and writable by you.");
            return 2;
        }
    }
}
