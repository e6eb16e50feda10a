namespace SkillMix.Store;

/// <summary>What <see cref="StepStore.Prune"/> removed and what is left.</summary>
public sealed record PruneReport(int EntriesRemoved, int EntriesKept, int BlobsRemoved, long BytesFreed, long BytesKept);
