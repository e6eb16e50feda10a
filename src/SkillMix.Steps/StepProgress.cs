using System.Diagnostics;

namespace SkillMix.Steps;

/// <summary>
/// Progress of a long step, one line at most every few seconds (a build log stays readable): done/total, rate and ETA.
/// </summary>
internal sealed class StepProgress(TextWriter log, string step, int total, string unit, double intervalSeconds = 5)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Lock _gate = new();
    private int _done;
    private double _lastReport;

    public void Advance(int count = 1)
    {
        var done = Interlocked.Add(ref _done, count);
        var now = _clock.Elapsed.TotalSeconds;
        if (now - _lastReport < intervalSeconds || done >= total)
        {
            return;
        }
        lock (_gate)
        {
            if (now - _lastReport < intervalSeconds)
            {
                return;
            }
            _lastReport = now;
            var rate = done / Math.Max(now, 1e-9);
            var eta = rate > 0 ? (total - done) / rate : 0;
            log.WriteLine($"SkillMix: {step}: {done}/{total} {unit}, {rate:0.0}/s, about {eta:0} s left.");
        }
    }

    public void Finish() => log.WriteLine($"SkillMix: {step}: {_done}/{total} {unit} in {_clock.Elapsed.TotalSeconds:0.0} s.");
}
