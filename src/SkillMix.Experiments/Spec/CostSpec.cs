namespace SkillMix.Experiments.Spec;

/// <summary>
/// What the experiment may spend on model calls and at what prices. Neither changes what a call returns, so neither
/// enters a step's key: raising a budget or correcting a price re-runs nothing.
/// </summary>
/// <param name="BudgetUsd">The most the whole experiment may cost, in USD (null: no limit).</param>
/// <param name="PriceFile">A JSON price file added to the built-in price table (null: the built-in table only).</param>
public sealed record CostSpec(decimal? BudgetUsd, string? PriceFile)
{
    public const string BudgetProperty = "SkillMixBudgetUsd";
    public const string PriceFileProperty = "SkillMixPriceFile";
}
