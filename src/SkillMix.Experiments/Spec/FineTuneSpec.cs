namespace SkillMix.Experiments.Spec;

/// <summary>A student fine-tuned from the base student on the union of some training sets (P1's D(1,2) = D(1) + D(2)).</summary>
/// <param name="Name">The fine-tune's name, used as the model's row in the results table.</param>
/// <param name="Data">Names of the training sets whose kept texts form the fine-tuning data, in order.</param>
/// <param name="MaxExamples">When positive, the first N examples of the union (P1's 8,000-sample subset of D(1,2,3)).</param>
/// <param name="Location">Where the project declares it.</param>
public sealed record FineTuneSpec(string Name, IReadOnlyList<string> Data, int MaxExamples, SpecLocation Location);
