using System.CommandLine;
using SkillMix.Store;

namespace SkillMix.Cli.Commands;

/// <summary><c>skillmix cache explain &lt;key&gt;</c>: everything the store knows about one entry.</summary>
internal static class CacheExplainCommand
{
    private const int MinimumPrefix = 4;

    public static Command Create()
    {
        var store = CacheStoreOption.Create();
        var key = new Argument<string>("key")
        {
            Description = $"The entry's key, or its first digits (at least {MinimumPrefix}) as 'skillmix cache list' shows them.",
        };
        var json = new Option<bool>("--json") { Description = "Print the entry's manifest as stored (sorted JSON) instead." };
        var command = new Command("explain",
            "Show one entry of the step store: its step definition (kind, code version, parameters), its inputs and " +
            "whether they are in the store, its output files, and its metadata (wall time, tokens, cost).");
        command.Arguments.Add(key);
        command.Options.Add(json);
        command.Options.Add(store);
        command.SetAction(parse => CacheStoreOption.Run(parse, store,
            (opened, output) => Explain(opened, output, parse.GetRequiredValue(key).Trim().ToLowerInvariant(), parse.GetValue(json))));
        return command;
    }

    private static int Explain(StepStore store, TextWriter output, string prefix, bool json)
    {
        var manifest = Find(store, prefix);
        if (json)
        {
            output.Write(manifest.ToJson());
            return 0;
        }
        var definition = manifest.Definition;
        output.WriteLine($"key        {manifest.Key}");
        output.WriteLine($"kind       {definition.Kind}");
        output.WriteLine($"code       {definition.CodeVersion}");
        output.WriteLine($"schema     {definition.SchemaVersion}");
        output.WriteLine($"created    {CacheUnits.FormatTime(manifest.CreatedUtc)} UTC by {manifest.ToolVersion}");
        output.WriteLine($"parameters{(definition.Parameters.Count == 0 ? " (none)" : "")}");
        foreach (var (name, value) in definition.Parameters)
        {
            output.WriteLine($"  {name} = {value}");
        }
        output.WriteLine($"inputs{(definition.Inputs.Count == 0 ? " (none)" : "")}");
        foreach (var (name, inputKey) in definition.Inputs)
        {
            var upstream = store.TryGetManifest(inputKey, out var input) ? $"{input.Definition.Kind}, in the store" : "not in the store";
            output.WriteLine($"  {name} = {inputKey} ({upstream})");
        }
        output.WriteLine($"outputs ({manifest.Files.Count} files, {CacheUnits.FormatSize(manifest.TotalSize)})");
        foreach (var file in manifest.Files)
        {
            output.WriteLine($"  {file.Path}  {CacheUnits.FormatSize(file.Size)}  blob {ContentHash.Short(file.Blob)}");
        }
        output.WriteLine($"metadata{(manifest.Metadata.Count == 0 ? " (none)" : "")}");
        foreach (var (name, value) in manifest.Metadata.OrderBy(m => m.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"  {name} = {value?.ToJsonString() ?? "null"}");
        }
        return 0;
    }

    private static StepManifest Find(StepStore store, string prefix)
    {
        if (prefix.Length < MinimumPrefix || !prefix.All(char.IsAsciiHexDigitLower))
        {
            throw new StoreException(
                $"'{prefix}' is not a key: give at least {MinimumPrefix} hex digits of one, as 'skillmix cache list' shows them.");
        }
        var keys = store.FindKeys(prefix);
        return keys.Count switch
        {
            0 => throw new StoreException(
                $"No entry in {store.Root} has a key starting with {prefix}. Run 'skillmix cache list' to see the keys."),
            > 1 => throw new StoreException(
                $"{prefix} matches {keys.Count} entries in {store.Root} ({string.Join(", ", keys.Select(ContentHash.Short))}); give more digits."),
            _ => store.TryGetManifest(keys[0], out var manifest)
                ? manifest
                : throw new StoreException($"The entry {keys[0]} is no longer in {store.Root}: it was damaged and is discarded " +
                    "(see the warning above), or another process removed it. The step it held runs again at the next build."),
        };
    }
}
