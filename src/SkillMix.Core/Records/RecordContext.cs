using SkillMix.Core.Worlds;

namespace SkillMix.Core.Records;

/// <summary>Where a generation or grading belongs: the part of a record that the conversation itself does not know.</summary>
/// <param name="Setting">The data set or evaluation setting name (for example "D2" or "held-out").</param>
/// <param name="World">The world the combination was drawn from.</param>
/// <param name="SkillPool">The skill pool.</param>
/// <param name="TopicPool">The topic pool.</param>
/// <param name="Seed">The seed of the combination sampler.</param>
public sealed record RecordContext(string Setting, World World, Pool SkillPool, Pool TopicPool, long Seed);
