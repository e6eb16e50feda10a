using SkillMix.Core.Worlds;

namespace SkillMix.Experiments.Spec;

/// <summary>
/// D(k): texts the teacher writes for k skills drawn from <paramref name="Skills"/> on topics from <paramref name="Topics"/>,
/// kept only when the grader gives them full marks. P1: D(1) uses all skills and train topics (about 5,000 attempts);
/// D(2) and D(3) use train skills and train topics (10,000 attempts each).
/// </summary>
public sealed record TrainingSetSpec(string Name, int K, Pool Skills, Pool Topics, int Attempts, SpecLocation Location);
