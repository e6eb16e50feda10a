namespace SkillMix.Steps.Report;

/// <summary>The HTML report's style sheet, inlined into the page.</summary>
internal static class HtmlReportStyle
{
    public const string Source = """
        body { font: 14px/1.45 system-ui, sans-serif; margin: 1.5em auto; max-width: 1400px; padding: 0 1em; color: #222; }
        h1 { font-size: 1.5em; margin-bottom: 0.2em; } h2 { font-size: 1.2em; margin-top: 1.6em; } h4 { margin: 1em 0 0.3em; }
        #summary { color: #555; margin-top: 0; }
        table { border-collapse: collapse; margin: 0.5em 0; }
        th, td { border-bottom: 1px solid #ddd; padding: 3px 8px; text-align: left; vertical-align: top; }
        th { background: #f4f4f4; position: sticky; top: 0; }
        td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        #figure { max-width: 720px; display: block; margin: 1em 0; }
        #filters { display: flex; flex-wrap: wrap; gap: 0.6em 1.2em; align-items: end; margin: 0.5em 0; }
        #filters label { display: flex; flex-direction: column; font-size: 0.85em; color: #555; }
        #filters label.check { flex-direction: row; gap: 0.3em; align-items: center; }
        #filters select { min-width: 9em; max-width: 22em; }
        #samples tbody tr.sample { cursor: pointer; }
        #samples tbody tr.sample:hover { background: #f3f7ff; }
        #samples td.answer { max-width: 40em; }
        tr.detail > td { background: #fafafa; padding: 0.8em 1.2em; }
        pre { white-space: pre-wrap; word-break: break-word; background: #fff; border: 1px solid #e3e3e3; padding: 0.5em; margin: 0.3em 0; }
        .outcome-0 { color: #176f2c; } .outcome-1 { color: #8a6d00; } .outcome-2 { color: #a12a2a; }
        .disagree { background: #fff4e0; }
        td.point-0 { color: #a12a2a; } td.point-1 { color: #176f2c; }
        #disagreement-table tr { cursor: pointer; }
        button#more { margin: 0.8em 0; }
        """;
}
