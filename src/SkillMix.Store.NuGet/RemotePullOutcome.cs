namespace SkillMix.Store.NuGet;

public enum RemotePullOutcome
{
    /// <summary>The entry was downloaded, checked and imported into the local store.</summary>
    Pulled,

    /// <summary>The feed has no package for the key.</summary>
    NotOnFeed,

    /// <summary>The feed's package failed a check (damaged, tampered, not a step package); nothing was imported.</summary>
    Rejected,

    /// <summary>The feed could not be reached; it was reported once and is not asked again by this process.</summary>
    Unavailable,
}
