namespace SkillMix.Store;

/// <summary>Which entries <see cref="StepStore.Prune"/> removes; at least one of the three must be given.</summary>
/// <param name="OlderThan">Remove entries not saved or restored for this long.</param>
/// <param name="MaxSize">Then remove the least recently used entries until the blobs they keep fit in this many bytes.</param>
/// <param name="All">Remove every entry and every blob (not safe while a build is saving into the same store).</param>
public sealed record PruneOptions(TimeSpan? OlderThan = null, long? MaxSize = null, bool All = false)
{
    /// <summary>
    /// Unreferenced blobs and temporary files younger than this are kept: a build running right now may have written
    /// them (or reused them) for a manifest it has not written yet.
    /// </summary>
    public TimeSpan Grace { get; init; } = TimeSpan.FromHours(1);

    internal void Validate()
    {
        if (OlderThan is null && MaxSize is null && !All)
        {
            throw new StoreException("Say what to prune: --older-than <age>, --max-size <size> or --all.");
        }
        if (OlderThan is { } age && age < TimeSpan.Zero)
        {
            throw new StoreException($"--older-than must not be negative (it is {age}).");
        }
        if (MaxSize is < 0)
        {
            throw new StoreException($"--max-size must not be negative (it is {MaxSize}).");
        }
    }
}
