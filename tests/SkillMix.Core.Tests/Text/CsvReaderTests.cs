using SkillMix.Core.Text;

namespace SkillMix.Core.Tests.Text;

public sealed class CsvReaderTests
{
    private static IReadOnlyList<CsvRecord> Read(string text) => CsvReader.Read(new StringReader(text), "test.csv");

    [Fact]
    public void Quoted_fields_hold_commas_line_breaks_and_doubled_quotes()
    {
        var records = Read("a,b,c\n\"x, y\",\"line one\nline two\",\"say \"\"hi\"\"\"\n");
        Assert.Equal(2, records.Count);
        Assert.Equal(["x, y", "line one\nline two", "say \"hi\""], records[1].Fields);
    }

    [Fact]
    public void Each_record_knows_the_line_it_starts_on()
    {
        var records = Read("h1,h2\n\"a\nb\nc\",1\nnext,2\n");
        Assert.Equal([1, 2, 5], records.Select(r => r.Line));
    }

    [Fact]
    public void Windows_line_endings_are_record_breaks_and_kept_inside_quotes()
    {
        var records = Read("h1,h2\r\n\"a\r\nb\",1\r\nc,2\r\n");
        Assert.Equal(3, records.Count);
        Assert.Equal("a\r\nb", records[1].Fields[0]);
        Assert.Equal(["c", "2"], records[2].Fields);
        Assert.Equal(4, records[2].Line);
    }

    [Fact]
    public void A_missing_final_newline_and_empty_fields_are_fine()
    {
        var records = Read("a,b,c\n1,,3");
        Assert.Equal(["1", "", "3"], records[1].Fields);
    }

    [Fact]
    public void Blank_lines_are_not_records()
    {
        Assert.Equal(2, Read("a\n\n1\n\n").Count);
    }

    [Fact]
    public void An_unclosed_quote_is_reported_at_the_line_it_opens()
    {
        var e = Assert.Throws<SkillMixDataException>(() => Read("a,b\n1,2\n3,\"never closed\nmore\n"));
        Assert.Equal("test.csv", e.File);
        Assert.Equal(3, e.Line);
        Assert.Contains("never closed", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_quote_inside_an_unquoted_field_is_an_error_with_its_line()
    {
        var e = Assert.Throws<SkillMixDataException>(() => Read("a,b\n1,2\nab\"c,3\n"));
        Assert.Equal(3, e.Line);
        Assert.StartsWith("test.csv(3): ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_after_a_closing_quote_is_an_error()
    {
        var e = Assert.Throws<SkillMixDataException>(() => Read("a\n\"x\"y\n"));
        Assert.Equal(2, e.Line);
    }
}
