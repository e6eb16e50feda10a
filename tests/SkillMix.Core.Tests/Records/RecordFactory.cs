using SkillMix.Core.Records;

namespace SkillMix.Core.Tests.Records;

/// <summary>Records with plausible defaults, so each test states only what it is about.</summary>
internal static class RecordFactory
{
    public static GradingRecord Grading(int k = 2, int combination = 0, int generation = 1, int grading = 1, double[]? points = null,
        int lengthPoint = 1, string setting = "held-out", string generator = "student-a", string grader = "grader-x",
        string answer = "A needle was a sparrow.", string reply = "no table", string[]? skills = null, long seed = 1) =>
        new(SkillMixRecord.SchemaVersion, setting, "sample", "abc123", "held-out", "held-out", k, seed, combination, generation, grading,
            skills ?? Enumerable.Range(1, k).Select(i => $"skill {i}").ToArray(), "Sewing", generator, grader, "grading-v1",
            "You are a careful and strict grader.", "Grade this.", reply, answer, points ?? Enumerable.Repeat(1.0, k + 3).ToArray(),
            1, lengthPoint);

    public static GenerationRecord Generation(int k = 2) =>
        new(SkillMixRecord.SchemaVersion, "D2", "sample", "abc123", "train", "train", k, 10, 4, 1,
            Enumerable.Range(1, k).Select(i => $"skill {i}").ToArray(), "Knots", "teacher-1", "generation-v1", "You are a helpful assistant.",
            "Turn 1 \"quoted\" é", "Answer: a\nExplanation: b", "Turn 2", "Answer: c\nExplanation: d", "c");
}
