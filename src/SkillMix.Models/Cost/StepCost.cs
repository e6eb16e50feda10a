namespace SkillMix.Models.Cost;

/// <summary>
/// What one step spent: calls that reached a model (not store hits), their tokens as the API reported them, and their
/// price. <see cref="UnpricedCalls"/> counts calls to models missing from the price table (their cost is not in Usd).
/// </summary>
public sealed record StepCost(string Step, int Calls, long InputTokens, long OutputTokens, decimal Usd, int UnpricedCalls, IReadOnlyList<string> Models);
