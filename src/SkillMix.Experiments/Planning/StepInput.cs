namespace SkillMix.Experiments.Planning;

/// <summary>One input of a step: the upstream step, its key, and the folder holding its outputs.</summary>
public sealed record StepInput(string Step, string Key, string Directory);
