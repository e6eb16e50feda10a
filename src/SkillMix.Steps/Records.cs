using SkillMix.Core;
using SkillMix.Core.Records;

namespace SkillMix.Steps;

/// <summary>Reads a step's record file, insisting on one kind of record.</summary>
internal static class Records
{
    public static IReadOnlyList<T> ReadAll<T>(string path) where T : SkillMixRecord =>
        JsonlRecords.Read(path).Select(r => r.Record as T
            ?? throw new SkillMixDataException(path, r.Line, $"expected a {typeof(T).Name}, found a {r.Record.GetType().Name}.")).ToList();
}
