namespace SkillMix.Steps.Preflight;

/// <summary>
/// What one step will ask of models, estimated before anything runs: its state, the model it calls most, the calls, the
/// input and output tokens, and their list price (null when the model has no price; 0 for local models).
/// </summary>
internal sealed record StepEstimate(
    string Id,
    string Kind,
    string Key,
    string State,
    string? Model,
    long Calls,
    long InputTokens,
    long OutputTokens,
    decimal? Usd)
{
    /// <summary>What building it now would spend: nothing when it is up to date or stored.</summary>
    public decimal? UsdToSpend => State == StepState.ToRun ? Usd : 0;
}
