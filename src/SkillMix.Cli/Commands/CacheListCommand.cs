using System.CommandLine;
using SkillMix.Store;

namespace SkillMix.Cli.Commands;

/// <summary><c>skillmix cache list</c>: one line per entry, most recently used first.</summary>
internal static class CacheListCommand
{
    public static Command Create()
    {
        var store = CacheStoreOption.Create();
        var command = new Command("list",
            "List the entries of the step store: step kind, key prefix, total size of its outputs, when it was created " +
            "and when a build last saved or restored it.");
        command.Options.Add(store);
        command.SetAction(parse =>
        {
            // A machine that has never built an experiment has no store yet; that is an empty list, not an error.
            var root = StoreLocation.Resolve(parse.GetValue(store));
            if (!Directory.Exists(root))
            {
                parse.InvocationConfiguration.Output.WriteLine($"0 entries: there is no step store at {root} yet.");
                return 0;
            }
            return CacheStoreOption.Run(parse, store, List);
        });
        return command;
    }

    private static int List(StepStore store, TextWriter output)
    {
        var entries = store.List().OrderByDescending(e => e.LastUsedUtc).ThenBy(e => e.Key, StringComparer.Ordinal).ToList();
        if (entries.Count > 0)
        {
            var kindWidth = Math.Max(4, entries.Max(e => e.Kind.Length));
            output.WriteLine($"{"KIND".PadRight(kindWidth)}  {"KEY",-12}  {"SIZE",10}  {"CREATED",-16}  LAST USED");
            foreach (var entry in entries)
            {
                var created = entry.Manifest is null ? "unreadable" : CacheUnits.FormatTime(entry.Manifest.CreatedUtc);
                output.WriteLine(
                    $"{entry.Kind.PadRight(kindWidth)}  {ContentHash.Short(entry.Key)}  {CacheUnits.FormatSize(entry.Size),10}  " +
                    $"{created,-16}  {CacheUnits.FormatTime(entry.LastUsedUtc)}");
            }
        }
        var (blobs, bytes) = store.MeasureBlobs();
        output.WriteLine($"{entries.Count} entries, {blobs} blobs, {CacheUnits.FormatSize(bytes)} on disk in {store.Root}");
        var unreadable = entries.Count(e => e.Problem is not null);
        if (unreadable > 0)
        {
            output.WriteLine($"{unreadable} entries are unreadable: run 'skillmix cache verify' to remove them.");
        }
        return 0;
    }
}
