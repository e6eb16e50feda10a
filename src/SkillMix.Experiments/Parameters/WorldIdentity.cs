namespace SkillMix.Experiments.Parameters;

/// <summary>
/// The world a step works in, as its key sees it: the name and the hash of its skills, topics and split. Paths stay out
/// (they differ between clones); the step finds the files through its context and checks them against this identity.
/// </summary>
public sealed record WorldIdentity(string Name, string Identity);
