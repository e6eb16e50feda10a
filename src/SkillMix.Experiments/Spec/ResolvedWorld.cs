using SkillMix.Core.Worlds;
using SkillMix.OfflineWorld;

namespace SkillMix.Experiments.Spec;

/// <summary>A world ready to use: its skills, topics and split, and for the offline world the rules its teacher and grader follow.</summary>
public sealed record ResolvedWorld(World World, CheckableWorld? Offline);
