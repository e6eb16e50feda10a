using System.IO.Compression;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using SkillMix.Core;
using SkillMix.Core.Text;

namespace SkillMix.Steps.Report;

/// <summary>
/// results.html: one self-contained page (inline style and script, no network, opens from disk) with the results table,
/// the figure, and every sample with its prompt, answer and gradings, filterable by model, setting, k, skill, topic and
/// outcome, with a view of where two graders disagree.
/// Model text never becomes markup. The index (<see cref="HtmlReportData"/>) sits in a
/// <c>&lt;script type="application/json"&gt;</c> block with every '&lt;', '&gt;' and '&amp;' written as a \u escape, so no
/// text can close the block; the prompts and replies (tens of MB of text at the paper's scale) sit gzip-compressed and
/// base64-encoded in a second data block, whose alphabet has no '&lt;', and are decompressed in the browser after the table
/// is shown. The page renders every text with textContent.
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
        var (index, texts) = HtmlReportData.Serialize(input);
        var data = EscapeForScriptBlock(index);
        var compressedTexts = Encoding.ASCII.GetBytes(Convert.ToBase64String(Compress(texts)));
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
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src 'sha256-{scriptHash}'; worker-src blob:">
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
            <script type="application/json" id="data">
            """;
        using var stream = new MemoryStream();
        stream.Write(Encoding.UTF8.GetBytes(head.Replace("\r\n", "\n", StringComparison.Ordinal)));
        stream.Write(data);
        // The script comes before the texts, so the table is built while the browser still parses the texts.
        stream.Write(Encoding.UTF8.GetBytes("\n</script>\n<script>" + script + "</script>\n"
            + "<script type=\"application/octet-stream\" id=\"texts\" data-encoding=\"gzip+base64\">\n"));
        stream.Write(compressedTexts);
        stream.Write(Encoding.UTF8.GetBytes("\n</script>\n</body>\n</html>\n"));
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

    // JSON puts '<', '>' and '&' only inside strings, where \u003c, \u003e and \u0026 mean the same characters.
    private static byte[] EscapeForScriptBlock(byte[] json)
    {
        using var output = new MemoryStream(json.Length + 1024);
        foreach (var b in json)
        {
            switch (b)
            {
                case (byte)'<':
                    output.Write("\\u003c"u8);
                    break;
                case (byte)'>':
                    output.Write("\\u003e"u8);
                    break;
                case (byte)'&':
                    output.Write("\\u0026"u8);
                    break;
                default:
                    output.WriteByte(b);
                    break;
            }
        }
        return output.ToArray();
    }
}
