namespace SkillMix.Store.NuGet;

/// <summary>What asking the feed for one key gave: the imported manifest, or why there is none.</summary>
public sealed record RemotePull(RemotePullOutcome Outcome, StepManifest? Manifest = null, string? Problem = null)
{
    public bool Pulled => Outcome == RemotePullOutcome.Pulled;
}
