namespace SkillMix.Steps;

/// <summary>What a running step may use besides its step file: where to report progress, and the store (for manifests).</summary>
internal sealed record StepContext(TextWriter Log, SkillMix.Store.StepStore Store);
