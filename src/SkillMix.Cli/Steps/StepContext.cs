namespace SkillMix.Cli.Steps;

/// <summary>What a running step may use besides its step file: where to report progress.</summary>
internal sealed record StepContext(TextWriter Log);
