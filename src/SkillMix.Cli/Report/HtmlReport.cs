using System.IO.Compression;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using SkillMix.Core;
using SkillMix.Core.Text;

namespace SkillMix.Cli.Report;

/// <summary>
/// results.html: one self-contained page (inline style and script, no network, opens from disk) with the results table,
/// the figure, and every sample with its prompt, answer and gradings, filterable by model, setting, k, skill, topic and
/// outcome, with a view of where two graders disagree.
/// Model text never becomes markup: the data (JSON, gzip-compressed, base64: replies of the paper's design are tens of MB
/// of text) sit in a non-executed <c>&lt;script type="application/octet-stream"&gt;</c> block whose base64 alphabet has no
/// '&lt;', so no text can close it; the page decompresses them in the browser and renders every text with textContent.
/// A Content-Security-Policy allows only the page's own script (by its hash), so even injected markup could not run code.
/// </summary>
internal static class HtmlReport
{
    public const string FileName = "results.html";

    public static void Write(HtmlReportInput input, string path)
    {
        if (input.Samples.Count == 0)
        {
            throw new SkillMixDataException(path, null,
                "the HTML report has no samples to show: no evaluation of the experiment produced graded answers (declare an Evaluation item).");
        }
        var page = Render(input);
        AtomicFile.WriteAllBytes(path, page);
    }

    public static byte[] Render(HtmlReportInput input)
    {
        var data = Encoding.ASCII.GetBytes(Convert.ToBase64String(Compress(HtmlReportData.Serialize(input))));
        var script = HtmlReportScript.Source;
        var scriptHash = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(script)));
        var figure = input.FigureSvg is { } svg
            ? $"<img id=\"figure\" alt=\"FM against k, per setting\" src=\"data:image/svg+xml;base64,{Convert.ToBase64String(svg)}\">"
            : "";
        var head = $"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src 'sha256-{scriptHash}'">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <link rel="icon" href="data:,">
            <title>{WebUtility.HtmlEncode(input.Title)}: SkillMix results</title>
            <style>{HtmlReportStyle.Source}</style>
            </head>
            <body>
            <header><h1 id="title"></h1><p id="summary"></p></header>
            <section><h2>Results</h2><div id="results"></div>{figure}</section>
            <section id="disagreement" hidden><h2>Where the graders disagree</h2><div id="disagreement-table"></div></section>
            <section><h2>Samples</h2>
            <form id="filters" autocomplete="off"></form>
            <p id="count" role="status"></p>
            <table id="samples"><thead><tr><th>Model</th><th>Setting</th><th>k</th><th>Skills</th><th>Topic</th><th>Outcome</th><th>Points</th><th>Answer</th></tr></thead><tbody></tbody></table>
            <button id="more" type="button" hidden>Show more</button>
            </section>
            <script type="application/octet-stream" id="data" data-encoding="gzip+base64">
            """;
        using var stream = new MemoryStream();
        stream.Write(Encoding.UTF8.GetBytes(head.Replace("\r\n", "\n", StringComparison.Ordinal)));
        stream.Write(data);
        stream.Write(Encoding.UTF8.GetBytes("\n</script>\n<script>" + script + "</script>\n</body>\n</html>\n"));
        return stream.ToArray();
    }

    // Deterministic: GZipStream writes no file name or time, so the same data give the same bytes.
    private static byte[] Compress(byte[] json)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(json);
        }
        return output.ToArray();
    }
}
