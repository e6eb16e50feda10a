namespace SkillMix.Store.NuGet;

/// <summary>One piece of a blob in a step package: the <paramref name="Index"/>-th slice of the blob, kept in part <paramref name="Part"/>.</summary>
public sealed record StepChunk(string Blob, int Index, int Part, long Size)
{
    /// <summary>Where the chunk lives inside its package.</summary>
    public string EntryPath => $"skillmix/blobs/{Blob}.{Index}";
}
