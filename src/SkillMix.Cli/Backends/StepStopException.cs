namespace SkillMix.Cli.Backends;

/// <summary>
/// A step that cannot start or go on for a reason the user must act on (a missing key, a student this version cannot
/// train, a budget reached), with the SKMX code MSBuild shows for it.
/// </summary>
internal sealed class StepStopException(string code, string message) : Exception(message)
{
    public string Code => code;
}
