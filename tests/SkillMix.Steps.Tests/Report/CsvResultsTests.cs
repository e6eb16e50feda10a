using System.Globalization;
using SkillMix.Steps.Report;
using SkillMix.Core.Text;

namespace SkillMix.Steps.Tests.Report;

public sealed class CsvResultsTests
{
    [Fact]
    public void The_sample_gives_one_row_per_model_setting_and_k_in_table_order()
    {
        var expected = string.Join("\r\n",
            "model,setting,k,combinations,generations,gradings,fm,fm_stderr,fm_ci_low,fm_ci_high,as,as_stderr,as_ci_low,as_ci_high,sf,sf_stderr,sf_ci_low,sf_ci_high",
            "base,train,2,4,12,36,0.25,0.25,0,0.75,0.5,0.2886751345948129,0,1,0.6,0.1,0.4,0.8",
            "base,train,3,4,12,36,0,0,0,0,0.25,0.25,0,0.75,0.5,0.0962250448649376,0.33,0.67",
            "base,held-out,2,0,0,0,,,,,,,,,,,,",
            "base,held-out,3,1,3,9,0,,0,0,0,,0,0,0.3333333333333333,,0.3333333333333333,0.3333333333333333",
            "D12,train,2,4,12,36,0.75,0.25,0.25,1,0.75,0.25,0.25,1,0.9,0.05,0.8,1",
            "D12,train,3,0,0,0,,,,,,,,,,,,",
            "D12,held-out,2,4,12,36,0.5,0.28867513459481287,0,1,0.5,0.28867513459481287,0,1,0.7,0.12,0.45,0.95",
            "D12,held-out,3,4,12,36,0.25,0.25,0,0.75,0.25,0.25,0,0.75,0.58,0.1,0.42,0.75",
            "");

        Assert.Equal(expected, Render(ReportSample.Input()));
    }

    [Fact]
    public void Numbers_do_not_follow_the_current_culture()
    {
        var previous = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            Assert.Contains("base,train,2,4,12,36,0.25,0.25,0,0.75,", Render(ReportSample.Input()));
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("D1,2", "\"D1,2\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("", "")]
    public void Fields_are_quoted_as_RFC_4180_says(string text, string expected) =>
        Assert.Equal(expected, CsvResults.Field(text));

    [Fact]
    public void A_model_name_with_a_comma_and_quotes_reads_back_whole()
    {
        const string model = "D1,2 \"small\"";
        var cells = new[] { ReportSample.Cell(model, "train", 2, 4, ReportSample.M(0.5, 0.25, 0, 1), ReportSample.M(0.5, 0.25, 0, 1), ReportSample.M(0.5, 0.25, 0, 1)) };
        var text = Render(ReportSample.Input(models: [model], cells: cells));

        Assert.Contains("\r\n\"D1,2 \"\"small\"\"\",train,2,4,", text);
        var rows = CsvReader.Read(new StringReader(text), "results.csv");
        Assert.Equal(5, rows.Count);
        Assert.All(rows.Skip(1), row => Assert.Equal(model, row.Fields[0]));
        Assert.All(rows, row => Assert.Equal(CsvResults.Header.Count, row.Fields.Count));
    }

    private static string Render(ReportInput input)
    {
        using var w = new StringWriter();
        CsvResults.Write(ResultsGrid.Build(input), w);
        return w.ToString();
    }
}
