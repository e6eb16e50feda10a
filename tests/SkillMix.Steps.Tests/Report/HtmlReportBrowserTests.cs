using System.Text.Json;
using SkillMix.Steps.Report;

namespace SkillMix.Steps.Tests.Report;

/// <summary>
/// results.html in headless chromium (tests/SkillMix.Report.BrowserTests/check-report.mjs): it loads from disk with no
/// console error and no request, every filter shows exactly the samples it should, and a script planted in an answer and a
/// grader's reply does not run even when every sample is opened.
/// </summary>
public sealed class HtmlReportBrowserTests
{
    [BrowserFact]
    public async Task The_report_loads_filters_and_keeps_planted_scripts_inert()
    {
        using var folder = new TempFolder();
        var path = folder.File(HtmlReport.FileName);
        var samples = HtmlReportSample.Samples();
        HtmlReport.Write(HtmlReportSample.Input(samples), path);

        var (exit, output, error) = await BrowserTools.RunAsync("check-report.mjs", path);
        Assert.True(exit == 0, $"check-report.mjs exited with {exit}:\n{error}\n{output}");
        using var json = JsonDocument.Parse(output);
        var seen = json.RootElement;

        Assert.Empty(seen.GetProperty("errors").EnumerateArray());
        Assert.Empty(seen.GetProperty("requests").EnumerateArray());
        Assert.Equal(samples.Count, seen.GetProperty("initial").GetInt32());
        Assert.Equal(2, seen.GetProperty("resultsRows").GetInt32());
        Assert.Equal(1, seen.GetProperty("figure").GetInt32());
        Assert.True(seen.GetProperty("disagreementShown").GetBoolean());

        var filters = seen.GetProperty("filters");
        Shown(filters, "filter-model", "D12", samples.Count(s => s.Model == "D12"));
        Shown(filters, "filter-setting", "held-out", samples.Count(s => s.Setting == "held-out"));
        Shown(filters, "filter-k", "3", samples.Count(s => s.K == 3));
        Shown(filters, "filter-skill", "modus ponens", samples.Count(s => s.Skills.Contains("modus ponens")));
        Shown(filters, "filter-topic", "Knots", samples.Count(s => s.Topic == "Knots"));
        // Outcome under the first grader: base misses a skill in its first answers; everything else earns full marks.
        Shown(filters, "filter-outcome", "missed a skill", samples.Count(s => s.Model == "base" && s.Repeat == 1));
        Shown(filters, "filter-outcome", "full marks", samples.Count(s => s.Model == "D12" || s.Repeat == 2));
        Assert.Equal(samples.Count(s => s.Setting == "held-out"), seen.GetProperty("disagreeOnly").GetInt32());

        Assert.Equal(samples.Count, seen.GetProperty("details").GetInt32());
        Assert.Equal(samples.Count, seen.GetProperty("detailsFilled").GetInt32());
        Assert.Equal(JsonValueKind.Null, seen.GetProperty("planted").ValueKind);
        Assert.Equal(3, seen.GetProperty("scriptElements").GetInt32());
        Assert.True(seen.GetProperty("bodyText").GetBoolean(), "the planted answer should be shown as text");
        Assert.True(seen.GetProperty("replyText").GetBoolean(), "the planted reply should be shown as text");
        Assert.Equal(0, seen.GetProperty("errorsAfterOpening").GetInt32());
    }

    private static void Shown(JsonElement filters, string filter, string option, int expected)
    {
        var seen = filters.GetProperty(filter).GetProperty(option);
        Assert.True(expected < 32, "the sample is small enough for every matching row to be on the first page");
        Assert.Equal(expected, seen.GetProperty("shown").GetInt32());
        Assert.Equal(expected, seen.GetProperty("rows").GetInt32());
    }
}
