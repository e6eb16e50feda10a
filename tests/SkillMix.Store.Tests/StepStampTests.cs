using System.Text.Json.Nodes;

namespace SkillMix.Store.Tests;

public sealed class StepStampTests
{
    private static StepDefinition Sample(int combinations) =>
        new("sample", "1", new Dictionary<string, JsonNode?> { ["Combinations"] = combinations });

    [Fact]
    public void The_first_update_writes_the_key_and_reports_no_previous_definition()
    {
        using var folder = new TempFolder();
        var stamp = folder.Sub("obj/skillmix/sample.stamp");

        var previous = StepStamp.Update(stamp, Sample(100));

        Assert.Null(previous);
        Assert.Contains(Sample(100).Key, File.ReadAllText(stamp));
        Assert.Equal(Sample(100), StepStamp.Read(stamp));
    }

    [Fact]
    public void An_unchanged_key_leaves_the_stamp_untouched_so_msbuild_sees_nothing_new()
    {
        using var folder = new TempFolder();
        var stamp = folder.Sub("sample.stamp");
        StepStamp.Update(stamp, Sample(100));
        var past = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(stamp, past);

        var previous = StepStamp.Update(stamp, Sample(100));

        Assert.Equal(Sample(100), previous);
        Assert.Equal(past, File.GetLastWriteTimeUtc(stamp));
    }

    [Fact]
    public void A_changed_key_rewrites_the_stamp_and_returns_what_it_held_for_the_explanation()
    {
        using var folder = new TempFolder();
        var stamp = folder.Sub("sample.stamp");
        StepStamp.Update(stamp, Sample(100));

        var previous = StepStamp.Update(stamp, Sample(200));

        Assert.Equal("key changed: Combinations 100 -> 200", RerunReason.Explain(previous, Sample(200)));
        Assert.Equal(Sample(200), StepStamp.Read(stamp));
    }

    [Fact]
    public void A_damaged_stamp_reads_as_no_previous_run_and_is_repaired()
    {
        using var folder = new TempFolder();
        var stamp = folder.Sub("sample.stamp");
        File.WriteAllText(stamp, "{ not json");

        var previous = StepStamp.Update(stamp, Sample(100));

        Assert.Null(previous);
        Assert.Equal(Sample(100), StepStamp.Read(stamp));
    }
}
