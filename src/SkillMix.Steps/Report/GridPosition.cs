using SkillMix.Core.Metrics;

namespace SkillMix.Steps.Report;

/// <summary>One place of the results table: a model, a setting and a k, with its cell when there is data.</summary>
internal sealed record GridPosition(string Model, ReportEvaluation Evaluation, int K, CellResult? Cell);
