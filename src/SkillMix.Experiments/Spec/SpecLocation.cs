namespace SkillMix.Experiments.Spec;

/// <summary>Where a declaration stands, so that an error can point at it: a file and, when known, a line.</summary>
public sealed record SpecLocation(string File, int Line = 0, int Column = 0)
{
    public static readonly SpecLocation None = new("");

    public override string ToString() => Line > 0 ? $"{File}({Line},{Math.Max(1, Column)})" : File;
}
