using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using ScottPlot;
using SkiaSharp;

namespace SkillMix.Steps.Report;

/// <summary>
/// fm-vs-k.png and fm-vs-k.svg, like the paper's Figure 2: one panel per setting side by side, k on x, FM on y (0 to 1),
/// a line with markers per model and the 95% interval as error bars. Models are nudged apart along x so their error bars
/// do not hide each other; each keeps its colour and marker in every panel.
/// </summary>
internal static partial class FmFigure
{
    public const int PanelWidth = 420;

    public const int Height = 400;

    private const double Nudge = 0.06;

    /// <summary>Room above 1 and below 0, so markers and error-bar caps at the ends are not cut in half.</summary>
    private const double Margin = 0.03;

    private static readonly MarkerShape[] Markers =
        [MarkerShape.FilledCircle, MarkerShape.FilledSquare, MarkerShape.FilledTriangleUp, MarkerShape.FilledDiamond,
         MarkerShape.FilledTriangleDown, MarkerShape.OpenCircle, MarkerShape.OpenSquare, MarkerShape.OpenTriangleUp];

    /// <summary>Sans-serif families in order of preference; without any of them ScottPlot's default font is used.</summary>
    private static readonly string[] SansFonts = ["DejaVu Sans", "Liberation Sans", "Arial", "Helvetica", "Noto Sans"];

    public static int Width(ResultsGrid grid) => PanelWidth * grid.Input.Evaluations.Count;

    public static byte[] Png(ResultsGrid grid) => Draw(grid, figure =>
    {
        var info = new SKImageInfo(Width(grid), Height);
        using var surface = SKSurface.Create(info);
        surface.Canvas.Clear(SKColors.White);
        figure.Render(surface.Canvas, new PixelRect(0, info.Width, info.Height, 0));
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    });

    public static byte[] Svg(ResultsGrid grid) => Draw(grid, figure =>
    {
        using var stream = new MemoryStream();
        // The SVG canvas writes its closing tags only when disposed, so it must be gone before the bytes are read.
        using (var canvas = SKSvgCanvas.Create(new SKRect(0, 0, Width(grid), Height), stream))
        {
            figure.Render(canvas, new PixelRect(0, Width(grid), Height, 0));
        }
        var svg = RenumberClipPaths(Encoding.UTF8.GetString(stream.ToArray()));
        // The figure clears its canvas with a transparent colour, which Skia writes as a rect without a fill: black to an
        // SVG viewer wherever a panel does not cover it.
        var unfilled = string.Create(CultureInfo.InvariantCulture, $"<rect width=\"{Width(grid)}\" height=\"{Height}\"/>");
        var index = svg.IndexOf(unfilled, StringComparison.Ordinal);
        if (index >= 0)
        {
            svg = string.Concat(svg.AsSpan(0, index), "<rect fill=\"white\"", svg.AsSpan(index + "<rect".Length));
        }
        return Encoding.UTF8.GetBytes(svg);
    });

    /// <summary>
    /// Skia numbers clip paths with a counter shared by the whole process, so the same figure drawn twice gets different
    /// ids; numbering them in order of appearance makes the file depend on the figure alone.
    /// </summary>
    internal static string RenumberClipPaths(string svg)
    {
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        return ClipPathId().Replace(svg, m =>
        {
            if (!ids.TryGetValue(m.Value, out var id))
            {
                id = "cl_" + (ids.Count + 1).ToString(CultureInfo.InvariantCulture);
                ids.Add(m.Value, id);
            }
            return id;
        });
    }

    private static byte[] Draw(ResultsGrid grid, Func<Multiplot, byte[]> render)
    {
        var font = SansFont();
        var panels = grid.Input.Evaluations.Select(e => Panel(grid, e, font)).ToList();
        try
        {
            var figure = new Multiplot(panels[0]) { Layout = new ScottPlot.MultiplotLayouts.Columns() };
            foreach (var panel in panels.Skip(1))
            {
                figure.AddPlot(panel);
            }
            return render(figure);
        }
        finally
        {
            panels.ForEach(p => p.Dispose());
        }
    }

    private static Plot Panel(ResultsGrid grid, ReportEvaluation evaluation, string? font)
    {
        var models = grid.Input.Models;
        var palette = new ScottPlot.Palettes.Category10();
        var plot = new Plot();
        for (var m = 0; m < models.Count; m++)
        {
            var offset = (m - (models.Count - 1) / 2.0) * Nudge;
            var points = evaluation.Ks
                .Select(k => (X: k + offset, Cell: grid.Find(models[m], evaluation.Name, k)))
                .Where(p => p.Cell is not null)
                .Select(p => (p.X, FM: p.Cell!.FullMarks))
                .ToList();
            if (points.Count == 0)
            {
                continue;
            }
            var color = palette.GetColor(m);
            double[] xs = [.. points.Select(p => p.X)];
            double[] ys = [.. points.Select(p => p.FM.Mean)];
            plot.Add.Plottable(new ScottPlot.Plottables.ErrorBar(xs, ys, null, null,
                [.. points.Select(p => p.FM.CiHigh - p.FM.Mean)],
                [.. points.Select(p => p.FM.Mean - p.FM.CiLow)])
            {
                Color = color,
                CapSize = 4,
            });
            var line = plot.Add.Scatter(xs, ys, color);
            line.LegendText = models[m];
            line.MarkerShape = Markers[m % Markers.Length];
            line.MarkerSize = 7;
            line.LineWidth = 1.5f;
        }
        plot.Title(evaluation.Name);
        plot.XLabel("k (skills per text)");
        plot.YLabel("FM (ratio of full marks)");
        plot.Axes.Bottom.SetTicks([.. evaluation.Ks.Select(k => (double)k)], [.. evaluation.Ks.Select(k => k.ToString(CultureInfo.InvariantCulture))]);
        double[] fm = [0, 0.2, 0.4, 0.6, 0.8, 1];
        plot.Axes.Left.SetTicks(fm, [.. fm.Select(y => y.ToString("0.0", CultureInfo.InvariantCulture))]);
        plot.Axes.SetLimits(evaluation.Ks.Min() - 0.5, evaluation.Ks.Max() + 0.5, -Margin, 1 + Margin);
        plot.ShowLegend(Alignment.UpperRight);
        if (font is not null)
        {
            plot.Font.Set(font);
        }
        return plot;
    }

    private static string? SansFont()
    {
        var installed = SKFontManager.Default.FontFamilies.ToHashSet(StringComparer.OrdinalIgnoreCase);
        return SansFonts.FirstOrDefault(installed.Contains);
    }

    [GeneratedRegex("""(?<=id="|url\(#)cl_[0-9a-f]+""")]
    private static partial Regex ClipPathId();
}
