using System.Diagnostics;
using System.Globalization;

namespace SkillMix.Core.Text;

/// <summary>
/// The one format of a long job's progress in a build log: at most one line per interval (plus the first and the last),
/// each with done/total, a rate and the time elapsed and left, and a closing line with the total time:
/// <code>
/// SkillMix: generate.D1: 12/40 texts, 2.3 texts/s, elapsed 00:05, about 00:12 left
/// SkillMix: pretrain: 1/12 steps, loss 4.1230 lr 3.0E-004, 5210 tokens/s, elapsed 00:01, about 00:11 left
/// SkillMix: generate.D1: 40/40 texts in 00:17
/// </code>
/// Steps (in parallel) and the trainers both report through it; the "SkillMix: name: " prefix is the build log's.
/// </summary>
public sealed class ProgressLine(TextWriter? log, string what, long total, string unit, double intervalSeconds = 5)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Lock _gate = new();
    private long _done;
    private double _lastReport = double.NegativeInfinity;

    public TimeSpan Elapsed => _clock.Elapsed;

    /// <summary>Counts <paramref name="count"/> more done (safe from parallel workers) and reports at the cadence; the rate is in the unit.</summary>
    public void Advance(long count = 1)
    {
        var done = Interlocked.Add(ref _done, count);
        var seconds = _clock.Elapsed.TotalSeconds;
        Report(done, done / Math.Max(seconds, 1e-9), unit, details: null);
    }

    /// <summary>
    /// Reports that <paramref name="done"/> of the total are done, at the cadence, with a rate of
    /// <paramref name="rateUnits"/> (<paramref name="rateUnit"/>, e.g. tokens) since the start and optional details.
    /// </summary>
    public void Report(long done, double rateUnits, string rateUnit, string? details)
    {
        Interlocked.Exchange(ref _done, done);
        var seconds = _clock.Elapsed.TotalSeconds;
        Report(done, rateUnits / Math.Max(seconds, 1e-9), rateUnit, details, seconds);
    }

    /// <summary>A line of its own under the same name (a validation loss, a note).</summary>
    public void Note(string text) => log?.WriteLine($"SkillMix: {what}: {text}");

    /// <summary>The closing line: how many were done and in how long.</summary>
    public void Finish() => log?.WriteLine(string.Create(CultureInfo.InvariantCulture, $"SkillMix: {what}: {Interlocked.Read(ref _done)}/{total} {unit} in {Format(_clock.Elapsed)}"));

    private void Report(long done, double rate, string rateUnit, string? details, double seconds = double.NaN)
    {
        if (log is null)
        {
            return;
        }
        seconds = double.IsNaN(seconds) ? _clock.Elapsed.TotalSeconds : seconds;
        lock (_gate)
        {
            if (done != 1 && done != total && seconds - _lastReport < intervalSeconds)
            {
                return;
            }
            _lastReport = seconds;
            var left = done > 0 ? TimeSpan.FromSeconds(seconds / done * Math.Max(total - done, 0)) : TimeSpan.Zero;
            var extra = string.IsNullOrEmpty(details) ? "" : ", " + details;
            log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"SkillMix: {what}: {done}/{total} {unit}{extra}, {rate:0.0} {rateUnit}/s, elapsed {Format(TimeSpan.FromSeconds(seconds))}, about {Format(left)} left"));
        }
    }

    private static string Format(TimeSpan t) =>
        t.TotalHours >= 1 ? t.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture) : t.ToString(@"mm\:ss", CultureInfo.InvariantCulture);
}
