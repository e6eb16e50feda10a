using SkillMix.Core.Records;
using SkillMix.Core.Tests.Support;

namespace SkillMix.Core.Tests.Records;

public sealed class JsonlRecordsTests
{
    [Fact]
    public void Records_round_trip_through_a_file()
    {
        using var temp = new TempFolder();
        var path = Path.Combine(temp.Path, "records.jsonl");
        var generation = RecordFactory.Generation();
        var grading = RecordFactory.Grading(points: [1, 0, 1, 1, 0]);
        JsonlRecords.Write(path, [generation, grading]);

        var read = JsonlRecords.Read(path);
        Assert.Equal([1, 2], read.Select(r => r.Line));
        var g = Assert.IsType<GenerationRecord>(read[0].Record);
        Assert.Equal(generation with { Skills = g.Skills }, g);
        Assert.Equal(generation.Skills, g.Skills);
        var r = Assert.IsType<GradingRecord>(read[1].Record);
        Assert.Equal([1.0, 0, 1, 1, 0], r.Points);
        Assert.Equal(grading.Reply, r.Reply);
    }

    [Fact]
    public void A_line_starts_with_kind_and_schema_and_keeps_text_readable()
    {
        var line = JsonlRecords.Serialize(RecordFactory.Generation());
        Assert.StartsWith("{\"kind\":\"generation\",\"schema\":1,\"setting\":\"D2\",", line, StringComparison.Ordinal);
        Assert.Contains("Turn 1 \\\"quoted\\\" é", line, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', line);
        Assert.StartsWith("{\"kind\":\"grading\",\"schema\":1,", JsonlRecords.Serialize(RecordFactory.Grading()), StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_member_is_rejected_with_file_and_line()
    {
        var line = JsonlRecords.Serialize(RecordFactory.Grading()).Replace("\"topic\":", "\"topics\":\"x\",\"topic\":", StringComparison.Ordinal);
        var e = Assert.Throws<SkillMixDataException>(() => JsonlRecords.Parse(line, "g.jsonl", 7));
        Assert.Equal("g.jsonl", e.File);
        Assert.Equal(7, e.Line);
        Assert.Contains("topics", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_member_or_a_null_is_rejected()
    {
        var full = JsonlRecords.Serialize(RecordFactory.Grading());
        var missing = full.Replace("\"topic\":\"Sewing\",", "", StringComparison.Ordinal);
        Assert.Contains("topic", Assert.Throws<SkillMixDataException>(() => JsonlRecords.Parse(missing, "g.jsonl", 1)).Message,
            StringComparison.Ordinal);
        var nulled = full.Replace("\"topic\":\"Sewing\"", "\"topic\":null", StringComparison.Ordinal);
        Assert.Throws<SkillMixDataException>(() => JsonlRecords.Parse(nulled, "g.jsonl", 1));
    }

    [Theory]
    [InlineData("{\"kind\":\"review\",\"schema\":1}")]
    [InlineData("{\"schema\":1,\"setting\":\"x\"}")]
    [InlineData("not json")]
    [InlineData("null")]
    public void Lines_that_are_not_records_are_rejected(string line)
    {
        Assert.Equal(3, Assert.Throws<SkillMixDataException>(() => JsonlRecords.Parse(line, "g.jsonl", 3)).Line);
    }

    [Fact]
    public void Inconsistent_records_are_rejected()
    {
        Assert.Throws<SkillMixDataException>(() => Check(RecordFactory.Grading(points: [1, 1, 1])));
        Assert.Throws<SkillMixDataException>(() => Check(RecordFactory.Grading(k: 3, skills: ["a", "b"])));
        Assert.Throws<SkillMixDataException>(() => Check(RecordFactory.Grading(grading: 0)));
        Assert.Throws<SkillMixDataException>(() => Check(RecordFactory.Grading(lengthPoint: 2)));
        Assert.Throws<SkillMixDataException>(() => Check(RecordFactory.Grading() with { Schema = 2 }));
    }

    [Fact]
    public void A_failed_write_leaves_the_old_file_and_no_temporary_file()
    {
        using var temp = new TempFolder();
        var path = Path.Combine(temp.Path, "records.jsonl");
        JsonlRecords.Write(path, [RecordFactory.Grading()]);
        var before = File.ReadAllText(path);

        IEnumerable<SkillMixRecord> Failing()
        {
            yield return RecordFactory.Grading(combination: 1);
            throw new InvalidOperationException("the producer failed");
        }

        Assert.Throws<InvalidOperationException>(() => JsonlRecords.Write(path, Failing()));
        Assert.Equal(before, File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(temp.Path));
    }

    private static void Check(SkillMixRecord record) => JsonlRecords.Parse(JsonlRecords.Serialize(record), "g.jsonl", 1);
}
