using System.CommandLine;
using System.CommandLine.Parsing;
using SkillMix.Store;

namespace SkillMix.Cli.Commands;

/// <summary><c>skillmix cache prune</c>: remove entries by age, by total size, or all; blobs still in use stay.</summary>
internal static class CachePruneCommand
{
    public static Command Create()
    {
        var store = CacheStoreOption.Create();
        var olderThan = new Option<TimeSpan?>("--older-than")
        {
            Description = "Remove entries no build has saved or restored for this long: a number and a unit among " +
                "s, m, h, d, w (e.g. 30d, 12h).",
            HelpName = "age",
            CustomParser = result => Parse<TimeSpan>(result, "--older-than", "an age such as 30d or 12h",
                text => CacheUnits.TryParseAge(text, out var age) ? age : (TimeSpan?)null),
        };
        var maxSize = new Option<long?>("--max-size")
        {
            Description = "Then remove the least recently used entries until the store's blobs fit in this size: a " +
                "number and an optional unit among K, M, G, T (powers of 1024; KB, MiB and the like are accepted).",
            HelpName = "size",
            CustomParser = result => Parse<long>(result, "--max-size", "a size such as 10G or 500M",
                text => CacheUnits.TryParseSize(text, out var bytes) ? bytes : (long?)null),
        };
        var all = new Option<bool>("--all")
        {
            Description = "Remove every entry and every blob. Do not run it while a build is saving into the same store.",
        };
        var command = new Command("prune",
            "Remove entries from the step store, by age, by total size, or all of them. Blobs that a kept entry still " +
            "refers to are never removed; unreferenced blobs younger than an hour are kept for builds running now.");
        command.Options.Add(olderThan);
        command.Options.Add(maxSize);
        command.Options.Add(all);
        command.Options.Add(store);
        command.SetAction(parse =>
        {
            var options = new PruneOptions(parse.GetValue(olderThan), parse.GetValue(maxSize), parse.GetValue(all));
            if (options is { OlderThan: null, MaxSize: null, All: false })
            {
                // A bad command line, not bad data: exit 1 like a parse error.
                parse.InvocationConfiguration.Error.WriteLine(
                    "error: say what to prune: --older-than <age>, --max-size <size> or --all (see skillmix cache prune --help).");
                return 1;
            }
            return CacheStoreOption.Run(parse, store, (opened, output) => Prune(opened, output, options));
        });
        return command;
    }

    private static int Prune(StepStore store, TextWriter output, PruneOptions options)
    {
        var report = store.Prune(options);
        output.WriteLine(
            $"Removed {report.EntriesRemoved} entries and {report.BlobsRemoved} blobs ({CacheUnits.FormatSize(report.BytesFreed)} freed); " +
            $"kept {report.EntriesKept} entries ({CacheUnits.FormatSize(report.BytesKept)}) in {store.Root}.");
        return 0;
    }

    private static T? Parse<T>(ArgumentResult result, string option, string expected, Func<string, T?> parse)
        where T : struct
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
        var value = parse(text);
        if (value is null)
        {
            result.AddError($"{option}: '{text}' is not {expected}.");
        }
        return value;
    }
}
