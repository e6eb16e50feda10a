namespace SkillMix.Core.Text;

/// <summary>One CSV record: its fields, and the 1-based line it starts on (a quoted field may span several lines).</summary>
public sealed record CsvRecord(int Line, IReadOnlyList<string> Fields);
