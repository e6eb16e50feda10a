using SkillMix.Steps.Report;
using SkillMix.Core.Records;
using SkillMix.Experiments.Planning;

namespace SkillMix.Steps;

/// <summary>
/// The samples of every evaluation for the HTML report: each model's answers (sample.&lt;model&gt;.&lt;evaluation&gt;)
/// joined with their gradings (grade.&lt;model&gt;.&lt;evaluation&gt;, and grade2.… when a second grader ran) on
/// (setting, k, seed, combination, answer).
/// </summary>
internal static class ReportSamples
{
    public static IReadOnlyList<HtmlSample> Read(IReadOnlyList<StepInput> steps, IReadOnlyList<string> models, IReadOnlyList<string> evaluations)
    {
        var byStep = steps.ToDictionary(s => s.Step, StringComparer.Ordinal);
        var samples = new List<HtmlSample>();
        foreach (var model in models)
        {
            foreach (var evaluation in evaluations)
            {
                if (!byStep.TryGetValue(StepIds.Sample(model, evaluation), out var sample))
                {
                    continue;
                }
                var gradings = new[] { StepIds.GradeSamples(model, evaluation), StepIds.SecondGradeSamples(model, evaluation) }
                    .Where(byStep.ContainsKey)
                    .SelectMany(id => Records.ReadAll<GradingRecord>(Path.Combine(byStep[id].Directory, GradeStep.Output)))
                    .ToLookup(g => (g.Setting, g.K, g.Seed, g.Combination, g.GenerationRepeat));
                foreach (var g in Records.ReadAll<GenerationRecord>(Path.Combine(sample.Directory, GenerateStep.Output)))
                {
                    var graded = gradings[(g.Setting, g.K, g.Seed, g.Combination, g.Repeat)]
                        .Select(x => new HtmlGrading(x.Grader, x.GradingRepeat, x.Points, x.LengthPoint, x.Reply))
                        .ToList();
                    samples.Add(new HtmlSample(model, g.Setting, g.K, g.Combination, g.Repeat, g.Skills, g.Topic, g.Turn1Prompt,
                        g.Turn2Prompt, g.Answer, graded));
                }
            }
        }
        return samples;
    }
}
