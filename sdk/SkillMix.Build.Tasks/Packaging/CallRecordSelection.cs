namespace SkillMix.Build.Tasks.Packaging;

/// <summary>Which call records a package carries: those listed by the given steps, read from the call store at <paramref name="Root"/>.</summary>
public sealed record CallRecordSelection(string Root, IReadOnlyList<string> StepIds);
