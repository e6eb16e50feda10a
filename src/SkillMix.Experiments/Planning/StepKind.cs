namespace SkillMix.Experiments.Planning;

/// <summary>
/// The kinds of step an experiment is made of, with the version of each kind's code. A version enters every key of its
/// kind: bump it whenever the step's behaviour changes (the code in src/SkillMix.Cli/Steps/ or anything it calls), so
/// that stored results of the old code are not reused.
/// </summary>
public static class StepKind
{
    public const string Generate = "generate";
    public const string GradeGenerations = "grade-generations";
    public const string Filter = "filter";
    public const string Pretrain = "pretrain";
    public const string Train = "train";
    public const string Sample = "sample";
    public const string GradeSamples = "grade-samples";
    public const string Aggregate = "aggregate";
    public const string Report = "report";

    public static string CodeVersion(string kind) => kind switch
    {
        Generate => "1",
        GradeGenerations => "1",
        Filter => "1",
        Pretrain => "4",
        Train => "1",
        Sample => "2",
        GradeSamples => "1",
        Aggregate => "1",
        Report => "3",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown step kind."),
    };

    /// <summary>The parameter naming the model a step of this kind calls (Teacher, Grader, Student), or null for none.</summary>
    public static string? ModelParameter(string kind) => kind switch
    {
        Generate => "Teacher",
        GradeGenerations or GradeSamples => "Grader",
        Sample => "Student",
        _ => null,
    };
}
