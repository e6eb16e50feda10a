using SkillMix.Core.Metrics;

namespace SkillMix.Core.Records;

/// <summary>The gradings found under a folder, and notes on what was read and what was left out.</summary>
public sealed record LoadedGradings(IReadOnlyList<GradingEvidence> Evidence, IReadOnlyList<string> Notes);
