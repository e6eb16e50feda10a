using System.Diagnostics;
using System.Globalization;

namespace SkillMix.Training.Runtime;

/// <summary>
/// Progress lines at a steady cadence (at most one per interval, plus the first and last), with a rate and an ETA, to any
/// TextWriter, so the same lines read well on a console and inside an MSBuild log.
/// </summary>
internal sealed class ProgressLog(TextWriter? writer, string what, long total, double intervalSeconds)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private double _lastReport = double.NegativeInfinity;

    public TimeSpan Elapsed => _clock.Elapsed;

    /// <summary>Reports step <paramref name="done"/> of the total if the interval has passed (or it is the first or last).</summary>
    public void Step(long done, long units, string unitName, string details)
    {
        var now = _clock.Elapsed.TotalSeconds;
        if (writer is null || (done != 1 && done != total && now - _lastReport < intervalSeconds))
        {
            return;
        }
        _lastReport = now;
        var rate = now > 0 ? units / now : 0;
        var eta = done > 0 ? TimeSpan.FromSeconds(now / done * (total - done)) : TimeSpan.Zero;
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{what} {done}/{total} {details} {unitName}/s {rate:F0} elapsed {Format(_clock.Elapsed)} eta {Format(eta)}"));
    }

    public void Line(string text) => writer?.WriteLine(text);

    private static string Format(TimeSpan t) => t.TotalHours >= 1 ? t.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture) : t.ToString(@"mm\:ss", CultureInfo.InvariantCulture);
}
