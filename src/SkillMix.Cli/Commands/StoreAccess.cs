using SkillMix.Experiments.Spec;
using SkillMix.Store;

namespace SkillMix.Cli.Commands;

/// <summary>
/// The one way commands open the step store: a damaged entry met on the way becomes a warning line in MSBuild's format
/// (the SDK's ToolTask and Exec turn it into a build warning naming the manifest), and a store that cannot be used becomes
/// one error line with SKMX016 instead of an exception.
/// </summary>
internal static class StoreAccess
{
    /// <summary>Opens (creating if needed) the store; false after printing the error when it cannot be used.</summary>
    public static bool TryOpen(string? path, TextWriter log, out StepStore store)
    {
        try
        {
            store = StepStore.Open(path, entry => log.WriteLine(Warning(entry)));
            return true;
        }
        catch (StoreException e)
        {
            log.WriteLine(Error(path, e));
            store = null!;
            return false;
        }
    }

    /// <summary>Opens a store that must exist (inspection commands), reporting damaged entries to <paramref name="log"/>.</summary>
    public static StepStore OpenExisting(string? path, TextWriter log) =>
        StepStore.OpenExisting(path, entry => log.WriteLine(Warning(entry)));

    public static string Warning(DamagedEntry entry)
    {
        // The problem usually starts with the manifest's path, which is already the line's origin.
        var problem = entry.Problem.StartsWith(entry.ManifestPath + ": ", StringComparison.Ordinal)
            ? entry.Problem[(entry.ManifestPath.Length + 2)..]
            : entry.Problem;
        return $"{entry.ManifestPath}: warning {ErrorCodes.CorruptStoreEntry}: the store entry {ContentHash.Short(entry.Key)} " +
            $"was damaged ({problem.TrimEnd('.')}) and is discarded; the step it holds runs again.";
    }

    public static string Error(string? path, StoreException e)
    {
        string origin;
        try
        {
            origin = StoreLocation.Resolve(path);
        }
        catch (StoreException)
        {
            origin = "skillmix";
        }
        return $"{origin}: error {ErrorCodes.StoreUnusable}: {e.Message}";
    }
}
