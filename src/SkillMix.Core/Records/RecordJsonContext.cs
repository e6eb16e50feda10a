using System.Text.Json.Serialization;

namespace SkillMix.Core.Records;

/// <summary>Source-generated serializers for the record files; the options that matter are set in <see cref="JsonlRecords"/>.</summary>
[JsonSerializable(typeof(SkillMixRecord))]
[JsonSerializable(typeof(GenerationRecord))]
[JsonSerializable(typeof(GradingRecord))]
internal sealed partial class RecordJsonContext : JsonSerializerContext;
