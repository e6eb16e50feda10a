namespace SkillMix.Steps.ChatModels;

/// <summary>
/// A step that cannot start or go on for a reason the user must act on (a missing key, a student this version cannot
/// train, a budget reached), with the SKMX code MSBuild shows for it. <see cref="Reason"/> is the message without the
/// step, so that many steps stopped for one reason can be reported in one line.
/// </summary>
internal sealed class StepStopException(string code, string? step, string reason)
    : Exception(step is null ? reason : $"step {step} {reason}")
{
    public string Code => code;

    public string Reason => reason;
}
