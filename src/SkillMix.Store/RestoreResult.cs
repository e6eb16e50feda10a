namespace SkillMix.Store;

/// <summary>What a restore did; <see cref="Problem"/> says what was wrong with a discarded entry.</summary>
public sealed record RestoreResult(string Key, RestoreOutcome Outcome, StepManifest? Manifest, string? Problem)
{
    public bool Restored => Outcome == RestoreOutcome.Restored;

    /// <summary>The outcome in words, as a build log shows it.</summary>
    public string Describe() => Outcome switch
    {
        RestoreOutcome.Restored => "restored from store",
        RestoreOutcome.NotInStore => "not in the store",
        _ => $"store entry discarded: {Problem}",
    };
}
