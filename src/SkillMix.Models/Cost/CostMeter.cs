namespace SkillMix.Models.Cost;

/// <summary>
/// Adds up what each step spends and holds the budget. Before a call, its worst case (estimated input plus its output
/// cap) is reserved; a call whose reservation would take spent + reserved past the budget is refused and never made.
/// Thread-safe; one meter per experiment run, read into provenance at the end.
/// </summary>
public sealed class CostMeter(decimal? budgetUsd = null)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Tally> _steps = new(StringComparer.Ordinal);
    private decimal _spent;
    private decimal _reserved;

    /// <summary>The most the run may spend, in USD; null for no limit.</summary>
    public decimal? Budget { get; } = budgetUsd;

    public decimal Spent
    {
        get
        {
            lock (_gate)
            {
                return _spent;
            }
        }
    }

    public IReadOnlyList<StepCost> Steps()
    {
        lock (_gate)
        {
            return _steps.OrderBy(s => s.Key, StringComparer.Ordinal)
                .Select(s => new StepCost(s.Key, s.Value.Calls, s.Value.Input, s.Value.Output, s.Value.Usd, s.Value.Unpriced, s.Value.Models.Order(StringComparer.Ordinal).ToList()))
                .ToList();
        }
    }

    /// <summary>Reserves a call's worst case, or refuses it when the budget would be exceeded.</summary>
    internal decimal Reserve(string step, string model, decimal worstCase)
    {
        lock (_gate)
        {
            if (Budget is { } budget && _spent + _reserved + worstCase > budget)
            {
                throw new CostException(
                    $"Budget stop: step {step} would call {model} for up to ${worstCase:0.######}, and ${_spent:0.######} is spent " +
                    $"(${_reserved:0.######} more reserved by calls in flight) of the ${budget:0.######} budget. The call was not made. " +
                    "Raise the budget to go on; finished calls are kept in the call store.");
            }
            _reserved += worstCase;
            return worstCase;
        }
    }

    internal void Release(decimal reservation)
    {
        lock (_gate)
        {
            _reserved -= reservation;
        }
    }

    internal void Settle(decimal reservation, string step, string model, long inputTokens, long outputTokens, decimal? usd)
    {
        lock (_gate)
        {
            _reserved -= reservation;
            _spent += usd ?? 0;
            if (!_steps.TryGetValue(step, out var tally))
            {
                _steps[step] = tally = new Tally();
            }
            tally.Calls++;
            tally.Input += inputTokens;
            tally.Output += outputTokens;
            tally.Usd += usd ?? 0;
            tally.Unpriced += usd is null ? 1 : 0;
            tally.Models.Add(model);
        }
    }

    private sealed class Tally
    {
        public int Calls;
        public long Input;
        public long Output;
        public decimal Usd;
        public int Unpriced;
        public readonly HashSet<string> Models = new(StringComparer.Ordinal);
    }
}
