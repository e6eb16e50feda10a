namespace SkillMix.Steps.Tests.Report;

/// <summary>
/// A fact that needs headless chromium driven by playwright-core: it reports itself skipped, with the reason, on a machine
/// without /usr/bin/chromium (Debian's chromium package; another path through SKILLMIX_CHROMIUM), node, or the browser
/// tests' node_modules (`npm ci` in tests/SkillMix.Report.BrowserTests). .ci/run installs all three.
/// </summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (BrowserTools.MissingReason() is { } reason)
        {
            Skip = reason;
        }
    }
}
