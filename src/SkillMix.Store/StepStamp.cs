using System.Text.Json.Nodes;

namespace SkillMix.Store;

/// <summary>
/// The stamp file of a step: its key and definition, kept beside the experiment. An MSBuild target lists the stamp as
/// its Inputs and the step's manifest as its Outputs. The stamp is rewritten only when the key changes, because MSBuild
/// compares timestamps: an unchanged step then costs nothing, and a changed one can say what changed.
/// </summary>
public static class StepStamp
{
    /// <summary>
    /// Records <paramref name="current"/> in the stamp at <paramref name="path"/> unless it already holds the same key,
    /// and returns the definition it held before (null if there was none, or it was unreadable).
    /// </summary>
    public static StepDefinition? Update(string path, StepDefinition current)
    {
        var previous = Read(path);
        if (previous?.Key != current.Key)
        {
            AtomicFile.WriteAllText(path, CanonicalJson.WriteIndented(new JsonObject
            {
                ["definition"] = current.ToJson(),
                ["key"] = current.Key,
            }));
        }
        return previous;
    }

    /// <summary>
    /// The definition in a stamp, or null when there is none. A damaged or hand-edited stamp also reads as null: it is
    /// a build's own bookkeeping, and rewriting it (the step is then checked against the store again) repairs it.
    /// </summary>
    public static StepDefinition? Read(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }
        try
        {
            var stamp = StoreJson.Object(StoreJson.Parse(AtomicFile.ReadAllText(path), path), path, "the stamp");
            var definition = StepDefinition.FromJson(stamp["definition"], path);
            return definition.Key == StoreJson.String(stamp["key"], path, "\"key\"") ? definition : null;
        }
        catch (StoreException e)
        {
            System.Diagnostics.Trace.TraceWarning($"Ignoring the stamp {path}: {e.Message}");
            return null;
        }
    }
}
