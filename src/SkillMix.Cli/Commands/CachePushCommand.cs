using System.CommandLine;
using SkillMix.Store;

namespace SkillMix.Cli.Commands;

/// <summary><c>skillmix cache push</c>: copy entries of the local store to the remote cache (a NuGet feed).</summary>
internal static class CachePushCommand
{
    public static Command Create()
    {
        var store = CacheStoreOption.Create();
        var remote = new RemoteCacheCommandOptions();
        var keys = new Argument<string[]>("keys")
        {
            Description = "Keys (or unique prefixes of 4 or more digits) of the entries to push; none: every entry.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var command = new Command("push",
            "Push entries of the step store to a remote cache, a NuGet feed given by --remote-cache, so that builds elsewhere " +
            "restore them. Entries the feed already has are skipped. Exits 2 if the feed could not be used.")
        {
            keys,
            store,
        };
        remote.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var feed = remote.Create(parse, output, forcePush: true);
            if (feed is null)
            {
                parse.InvocationConfiguration.Error.WriteLine("error: give the feed with --remote-cache <folder or v3 index URL>.");
                return 1;
            }
            StepStore opened;
            List<StepManifest> selected;
            try
            {
                opened = StoreAccess.OpenExisting(parse.GetValue(store), output);
                selected = Select(opened, parse.GetValue(keys) ?? [], output);
            }
            catch (StoreException e)
            {
                parse.InvocationConfiguration.Error.WriteLine($"error: {e.Message}");
                return 2;
            }
            int pushed = 0, present = 0;
            foreach (var manifest in selected)
            {
                if (await feed.PushAsync(opened, manifest, cancellationToken))
                {
                    pushed++;
                    output.WriteLine($"pushed {manifest.Definition.Kind} {ContentHash.Short(manifest.Key)}");
                }
                else if (feed.IsDown)
                {
                    return 2;
                }
                else
                {
                    present++;
                }
            }
            output.WriteLine($"Pushed {pushed} entries to {feed.Options.Source}; {present} were there already.");
            return 0;
        });
        return command;
    }

    private static List<StepManifest> Select(StepStore store, string[] keys, TextWriter output) => keys.Length == 0
        ? [.. store.List().Where(e => Readable(e, output)).Select(e => e.Manifest!)]
        : [.. keys.Select(prefix => store.FindKeys(prefix) is [var key] && store.TryGetManifest(key, out var manifest)
            ? manifest
            : throw new StoreException($"'{prefix}' does not name exactly one entry of {store.Root}; run `skillmix cache list`."))];

    private static bool Readable(StoreEntry entry, TextWriter output)
    {
        if (entry.Problem is not null)
        {
            output.WriteLine($"warning {Experiments.Spec.ErrorCodes.CorruptStoreEntry}: not pushed: the entry {ContentHash.Short(entry.Key)} is unreadable " +
                $"({entry.Problem}); `skillmix cache verify` removes it.");
        }
        return entry.Manifest is not null;
    }
}
