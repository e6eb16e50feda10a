using System.Buffers.Binary;
using System.Xml.Linq;
using SkillMix.Steps.Report;

namespace SkillMix.Steps.Tests.Report;

public sealed class FmFigureTests
{
    private static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    [Fact]
    public void The_png_is_a_png_one_panel_wide_per_setting()
    {
        var png = FmFigure.Png(ResultsGrid.Build(ReportSample.Input()));

        Assert.Equal(PngSignature, png[..8]);
        // The IHDR chunk follows the signature: length, "IHDR", then width and height as big-endian integers.
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(png, 12, 4));
        Assert.Equal(2 * FmFigure.PanelWidth, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)));
        Assert.Equal(FmFigure.Height, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
        // Two panels of axes, lines, markers and text do not compress to a few bytes; a blank image would.
        Assert.True(png.Length > 20_000, $"the PNG has only {png.Length} bytes");
    }

    [Fact]
    public void The_svg_is_an_svg_with_the_settings_and_models_as_text()
    {
        var svg = FmFigure.Svg(ResultsGrid.Build(ReportSample.Input()));

        var root = XDocument.Parse(System.Text.Encoding.UTF8.GetString(svg)).Root!;
        Assert.Equal("svg", root.Name.LocalName);
        Assert.Equal((2 * FmFigure.PanelWidth).ToString(System.Globalization.CultureInfo.InvariantCulture), (string?)root.Attribute("width"));
        var texts = root.Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value.Trim()).ToList();
        Assert.Contains("train", texts);
        Assert.Contains("held-out", texts);
        Assert.Contains("D12", texts);
        Assert.True(svg.Length > 20_000, $"the SVG has only {svg.Length} bytes");
        // A rect without a fill is black in an SVG viewer: every background must say its colour.
        Assert.All(root.Elements().Where(e => e.Name.LocalName == "rect"), rect => Assert.NotNull(rect.Attribute("fill")));
    }

    [Fact]
    public void A_setting_without_any_cell_still_gets_its_panel()
    {
        var grid = ResultsGrid.Build(ReportSample.Input(cells: []));

        var png = FmFigure.Png(grid);

        Assert.Equal(2 * FmFigure.PanelWidth, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)));
    }

    [Fact]
    public void Clip_path_ids_are_numbered_in_order_of_appearance_and_text_is_left_alone()
    {
        const string svg = """<clipPath id="cl_1c"/><g clip-path="url(#cl_1c)"/><clipPath id="cl_4"/><g clip-path="url(#cl_4)"/><text>cl_1c</text>""";

        Assert.Equal("""<clipPath id="cl_1"/><g clip-path="url(#cl_1)"/><clipPath id="cl_2"/><g clip-path="url(#cl_2)"/><text>cl_1c</text>""",
            FmFigure.RenumberClipPaths(svg));
    }
}
