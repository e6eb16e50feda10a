using System.Text.Json.Serialization;

namespace SkillMix.Core.Records;

/// <summary>
/// One line of a SkillMix JSONL record file. The first member of every line, "kind", says which record it is
/// ("generation" or "grading"); the second, "schema", is <see cref="SchemaVersion"/>. docs/records.md documents the members.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind", UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization)]
[JsonDerivedType(typeof(GenerationRecord), "generation")]
[JsonDerivedType(typeof(GradingRecord), "grading")]
public abstract record SkillMixRecord
{
    /// <summary>Bump when a member is added, removed or changes meaning; readers reject other versions.</summary>
    public const int SchemaVersion = 1;
}
