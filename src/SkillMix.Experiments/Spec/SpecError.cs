namespace SkillMix.Experiments.Spec;

/// <summary>One problem in an experiment's declaration: a stable code (SKMX0xx), what is wrong and what to do, and where.</summary>
public sealed record SpecError(string Code, string Message, SpecLocation Location)
{
    /// <summary>The canonical MSBuild error format, which build tools and editors turn into clickable errors.</summary>
    public override string ToString() =>
        (Location.File.Length > 0 ? Location + ": " : "") + "error " + Code + ": " + Message;
}
