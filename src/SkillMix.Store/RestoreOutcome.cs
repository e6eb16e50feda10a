namespace SkillMix.Store;

public enum RestoreOutcome
{
    /// <summary>Every output was checked against its hash and written into the output folder.</summary>
    Restored,

    /// <summary>The store has no entry for the key.</summary>
    NotInStore,

    /// <summary>The entry was damaged (a blob missing or not matching its hash, an unreadable manifest) and was removed.</summary>
    Discarded,
}
