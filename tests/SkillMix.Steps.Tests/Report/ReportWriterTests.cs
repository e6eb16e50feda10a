using SkillMix.Steps.Report;

namespace SkillMix.Steps.Tests.Report;

public sealed class ReportWriterTests
{
    [Fact]
    public void Every_file_is_written_and_no_temporary_file_is_left()
    {
        using var folder = new TempFolder();

        ReportWriter.Write(ReportSample.Input(), folder.Path);

        Assert.Equal(ReportWriter.Files.Order(StringComparer.Ordinal),
            Directory.GetFiles(folder.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.All(Directory.GetFiles(folder.Path), f => Assert.True(new FileInfo(f).Length > 0, f));
    }

    [Fact]
    public void Writing_again_replaces_the_files_with_the_same_bytes()
    {
        using var folder = new TempFolder();
        ReportWriter.Write(ReportSample.Input(), folder.Path);
        var first = ReportWriter.Files.ToDictionary(f => f, f => File.ReadAllBytes(folder.File(f)));

        ReportWriter.Write(ReportSample.Input(), folder.Path);

        foreach (var file in ReportWriter.Files)
        {
            Assert.True(first[file].AsSpan().SequenceEqual(File.ReadAllBytes(folder.File(file))), $"{file} changed between two writes of the same input");
        }
        Assert.Equal(ReportWriter.Files.Count, Directory.GetFiles(folder.Path).Length);
    }

    [Fact]
    public void Bad_input_names_the_property_and_leaves_the_previous_report_whole()
    {
        using var folder = new TempFolder();
        ReportWriter.Write(ReportSample.Input(), folder.Path);
        var before = File.ReadAllText(folder.File(ReportWriter.Markdown));
        var stray = ReportSample.Cell("D123", "train", 2, 4, ReportSample.M(0, 0, 0, 0), ReportSample.M(0, 0, 0, 0), ReportSample.M(0, 0, 0, 0));

        var error = Assert.Throws<ReportInputException>(() =>
            ReportWriter.Write(ReportSample.Input(cells: [.. ReportSample.Cells(), stray]), folder.Path));

        Assert.Equal("ReportInput.Cells[6]", error.Property);
        Assert.Contains("'D123'", error.Message);
        Assert.Contains("ReportInput.Models (base, D12)", error.Message);
        Assert.Equal(before, File.ReadAllText(folder.File(ReportWriter.Markdown)));
        Assert.Equal(ReportWriter.Files.Count, Directory.GetFiles(folder.Path).Length);
    }

    [Fact]
    public void A_report_time_in_another_zone_is_written_in_UTC()
    {
        using var folder = new TempFolder();

        ReportWriter.Write(ReportSample.Input(), folder.Path);

        Assert.Contains("2026-11-24T05:30:00Z", File.ReadAllText(folder.File(ReportWriter.Markdown)));
        Assert.Contains("\"reportTime\": \"2026-11-24T05:30:00Z\"", File.ReadAllText(folder.File(ReportWriter.Provenance)));
    }

    [Fact]
    public void The_current_machine_is_described_by_this_process()
    {
        var machine = ReportMachine.Current();

        Assert.StartsWith("skillmix ", machine.ToolVersion);
        Assert.Equal(Environment.ProcessorCount, machine.Cores);
        Assert.Equal(System.Runtime.InteropServices.RuntimeInformation.OSDescription, machine.Os);
    }
}
