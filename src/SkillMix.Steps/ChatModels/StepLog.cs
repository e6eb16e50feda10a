using Microsoft.Extensions.Logging;

namespace SkillMix.Steps.ChatModels;

/// <summary>
/// Puts what the model pipeline logs (retries, rate-limit waits) into the step's output, which the SDK shows at normal
/// verbosity and keeps in the binary log. The first lines are shown one by one; past that, a summary at most every
/// <see cref="SummaryInterval"/> and one when the step ends, so a run with hundreds of retries keeps a readable log.
/// </summary>
internal sealed class StepLog(TextWriter log, string step, TimeSpan? summaryInterval = null) : ILogger, IDisposable
{
    public const int ShownOneByOne = 20;

    private readonly Lock _gate = new();
    private readonly TimeSpan _interval = summaryInterval ?? SummaryInterval;
    private DateTimeOffset _lastSummary = DateTimeOffset.UtcNow;
    private int _shown;
    private int _held;
    private string? _latest;

    public static TimeSpan SummaryInterval { get; } = TimeSpan.FromSeconds(30);

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel))
        {
            return;
        }
        var message = formatter(state, exception);
        lock (_gate)
        {
            if (_shown < ShownOneByOne)
            {
                _shown++;
                log.WriteLine($"SkillMix: {step}: {message}");
                if (_shown == ShownOneByOne)
                {
                    log.WriteLine($"SkillMix: {step}: further retries and waits are summed up every {_interval.TotalSeconds:0} s.");
                }
                return;
            }
            _held++;
            _latest = message;
            if (DateTimeOffset.UtcNow - _lastSummary >= _interval)
            {
                Summarize();
            }
        }
    }

    /// <summary>The last summary, when the step ends.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            Summarize();
        }
    }

    private void Summarize()
    {
        if (_held > 0)
        {
            log.WriteLine($"SkillMix: {step}: {_held} more retries or waits since the last report; the latest: {_latest}");
        }
        _held = 0;
        _lastSummary = DateTimeOffset.UtcNow;
    }
}
