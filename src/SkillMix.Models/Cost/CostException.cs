namespace SkillMix.Models.Cost;

/// <summary>A call stopped before it was made because of money: the budget would be exceeded, or a price is unknown.</summary>
public sealed class CostException(string message) : Exception(message);
