namespace SkillMix.Models.Cost;

/// <summary>What a run of planned calls would cost at list price, before any of them is made.</summary>
public sealed record PlannedCost(string Model, int Calls, long InputTokens, long OutputTokens, decimal Usd);
