using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using SkillMix.Steps.Report;
using SkillMix.Core;

namespace SkillMix.Steps.Tests.Report;

public sealed class HtmlReportTests
{
    private static string Page(HtmlReportInput? input = null) => Encoding.UTF8.GetString(HtmlReport.Render(input ?? HtmlReportSample.Input()));

    private static string Block(string page, string id)
    {
        var start = page.IndexOf($" id=\"{id}\"", StringComparison.Ordinal);
        return page[(page.IndexOf('>', start) + 1)..page.IndexOf("</script>", start, StringComparison.Ordinal)].Trim();
    }

    private static JsonDocument Data(string page) => JsonDocument.Parse(Block(page, "data"));

    private static List<string> Texts(string page)
    {
        using var gzip = new GZipStream(new MemoryStream(Convert.FromBase64String(Block(page, "texts"))), CompressionMode.Decompress);
        return JsonSerializer.Deserialize<List<string>>(gzip)!;
    }

    [Fact]
    public void Text_from_models_cannot_close_the_data_block_or_add_markup()
    {
        var page = Page();
        // The page's own three script elements (index, texts, code) and nothing else: the planted one is escaped data.
        Assert.Equal(3, Regex.Matches(page, "<script", RegexOptions.IgnoreCase).Count);
        Assert.DoesNotContain("<img src=x", page, StringComparison.OrdinalIgnoreCase);
        Assert.Single(Regex.Matches(page, "<img", RegexOptions.IgnoreCase));
        Assert.DoesNotContain("<b>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>window.__planted", page, StringComparison.Ordinal);
        Assert.Contains("\\u003cscript\\u003ewindow.__planted", page, StringComparison.Ordinal);
        // The title is HTML-encoded where the page writes it as markup.
        Assert.Contains("<title>Tiny &lt;b&gt;experiment&lt;/b&gt;: SkillMix results</title>", page, StringComparison.Ordinal);
        // And the data still read back to the original text.
        using var data = Data(page);
        var strings = data.RootElement.GetProperty("strings").EnumerateArray().Select(s => s.GetString()).ToList();
        Assert.Contains("Her needle was a sparrow. " + HtmlReportSample.Planted, strings);
        Assert.Contains(Texts(page), t => t.EndsWith("Third look " + HtmlReportSample.Planted, StringComparison.Ordinal));
    }

    [Fact]
    public void Only_the_pages_own_script_may_run_and_nothing_is_fetched()
    {
        var page = Page();
        var start = page.IndexOf("<script>", StringComparison.Ordinal) + "<script>".Length;
        var script = page[start..page.IndexOf("</script>", start, StringComparison.Ordinal)];
        var hash = Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(script)));
        Assert.Contains($"script-src 'sha256-{hash}'", page, StringComparison.Ordinal);
        Assert.Contains("default-src 'none'", page, StringComparison.Ordinal);
        Assert.DoesNotContain("http://", page.Replace("http://www.w3.org/2000/svg", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("https://", page, StringComparison.Ordinal);
        Assert.DoesNotContain("innerHTML", script, StringComparison.Ordinal);
    }

    [Fact]
    public void Shared_texts_are_stored_once_and_votes_follow_the_aggregation_rules()
    {
        var samples = HtmlReportSample.Samples();
        var page = Page(HtmlReportSample.Input(samples));
        using var data = Data(page);
        var root = data.RootElement;
        var strings = root.GetProperty("strings").EnumerateArray().Select(s => s.GetString()!).ToList();
        var texts = Texts(page);
        Assert.Single(texts, s => s == "Improve it. Answer:");
        Assert.Equal(texts.Count, texts.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(strings.Count, strings.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal("Write about Sewing showing metaphor, red herring. Answer:", texts[root.GetProperty("samples")[0].GetProperty("p").GetInt32()]);
        var rows = root.GetProperty("samples").EnumerateArray().ToList();
        Assert.Equal(samples.Count, rows.Count);

        // base, train, k = 2, combination 0, answer 1: grader-a gives [0,1,1,1,1] three times -> vote the same, "missed a skill";
        // grader-b agrees (train). Answer 2 earns everything: full marks.
        var first = rows[0];
        Assert.Equal("base", strings[first.GetProperty("m").GetInt32()]);
        Assert.Equal(2, first.GetProperty("o").GetInt32());
        var a = first.GetProperty("g")[0];
        Assert.Equal("grader-a", strings[a.GetProperty("n").GetInt32()]);
        Assert.Equal([0.0, 1, 1, 1, 1], a.GetProperty("v").EnumerateArray().Select(v => v.GetDouble()));
        Assert.Equal(0.5, a.GetProperty("sf").GetDouble());
        Assert.Equal(3, a.GetProperty("x").GetArrayLength());
        Assert.False(first.TryGetProperty("d", out _));
        Assert.Equal(0, rows[1].GetProperty("o").GetInt32());

        // held-out: grader-b's topic point is 0, so the graders disagree; grader-a still decides the outcome.
        var heldOut = rows.First(r => strings[r.GetProperty("s").GetInt32()] == "held-out" && strings[r.GetProperty("m").GetInt32()] == "D12");
        Assert.Equal(1, heldOut.GetProperty("d").GetInt32());
        Assert.Equal(0, heldOut.GetProperty("o").GetInt32());
        Assert.Equal(0, heldOut.GetProperty("g")[1].GetProperty("fm").GetDouble());
    }

    [Fact]
    public void The_counted_length_point_replaces_the_graders_in_the_vote()
    {
        var sample = new HtmlSample("m", "s", 2, 0, 1, ["a", "b"], "Sewing", "p", "p2", "text",
            [new HtmlGrading("g", 1, [1, 1, 1, 1, 1], 0, "r1"), new HtmlGrading("g", 2, [1, 1, 1, 1], 0, "r2")]);
        using var data = Data(Page(HtmlReportSample.Input([sample])));
        var g = data.RootElement.GetProperty("samples")[0].GetProperty("g")[0];
        // The second grading is padded to [1,1,1,1,0]; both length points become the counted 0.
        Assert.Equal([1.0, 1, 1, 1, 0], g.GetProperty("v").EnumerateArray().Select(v => v.GetDouble()));
        Assert.Equal(0, g.GetProperty("fm").GetDouble());
        Assert.Equal(1, g.GetProperty("as").GetDouble());
    }

    [Fact]
    public void A_report_without_samples_is_an_error_naming_the_file()
    {
        using var folder = new TempFolder();
        var path = folder.File(HtmlReport.FileName);
        var e = Assert.Throws<SkillMixDataException>(() => HtmlReport.Write(HtmlReportSample.Input([]), path));
        Assert.Equal(path, e.File);
        Assert.Contains("no samples", e.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void The_same_input_gives_the_same_bytes()
    {
        Assert.Equal(HtmlReport.Render(HtmlReportSample.Input()), HtmlReport.Render(HtmlReportSample.Input()));
    }
}
