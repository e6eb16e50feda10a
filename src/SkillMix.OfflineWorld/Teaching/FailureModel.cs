namespace SkillMix.OfflineWorld.Teaching;

/// <summary>
/// How often the offline teacher slips, so that the full-mark filter has real work to do, as it has with GPT-4. Every slip
/// is drawn independently from the text's seeded stream. Composition is where writers fail: the chance that one skill
/// slips grows with the number of skills asked for.
/// </summary>
/// <param name="Enabled">False makes a perfect teacher (every text earns full marks).</param>
/// <param name="SkillSlip">Chance that one skill comes out as its near miss when k = 1.</param>
/// <param name="SkillSlipPerExtraSkill">Added to <paramref name="SkillSlip"/> for each skill beyond the first.</param>
/// <param name="TopicDrift">Chance that a word of another topic replaces one of the topic's things.</param>
/// <param name="SenseSlip">Chance that a sentence trails off with a dangling "and" (the text no longer parses).</param>
/// <param name="LengthSlip">Chance that the improved text uses one sentence more than the limit allows, when k = 1.</param>
/// <param name="LengthSlipPerExtraSkill">Added to <paramref name="LengthSlip"/> for each skill beyond the first.</param>
public sealed record FailureModel(
    bool Enabled = true,
    double SkillSlip = 0.03,
    double SkillSlipPerExtraSkill = 0.03,
    double TopicDrift = 0.03,
    double SenseSlip = 0.03,
    double LengthSlip = 0.02,
    double LengthSlipPerExtraSkill = 0.02)
{
    public static FailureModel Default { get; } = new();

    public static FailureModel None { get; } = new(Enabled: false);

    public double SkillSlipFor(int k) => Enabled ? Math.Clamp(SkillSlip + SkillSlipPerExtraSkill * (k - 1), 0, 1) : 0;

    public double LengthSlipFor(int k) => Enabled ? Math.Clamp(LengthSlip + LengthSlipPerExtraSkill * (k - 1), 0, 1) : 0;

    public double TopicDriftFor() => Enabled ? TopicDrift : 0;

    public double SenseSlipFor() => Enabled ? SenseSlip : 0;
}
