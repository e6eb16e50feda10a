namespace SkillMix.Experiments.Planning;

/// <summary>
/// The names of an experiment's steps: kind, then the names it is for, joined by dots (names themselves have no dots, so
/// ids never collide). They name the stamp files and output folders, and appear in the log.
/// </summary>
public static class StepIds
{
    public const string Pretrain = "pretrain";
    public const string Report = "report";

    public static string Generate(string set) => $"generate.{set}";
    public static string GradeGenerations(string set) => $"grade.{set}";
    public static string Filter(string set) => $"filter.{set}";
    public static string Train(string fineTune) => $"train.{fineTune}";
    public static string Sample(string model, string evaluation) => $"sample.{model}.{evaluation}";
    public static string GradeSamples(string model, string evaluation) => $"grade.{model}.{evaluation}";
    public static string SecondGradeSamples(string model, string evaluation) => $"grade2.{model}.{evaluation}";
    public static string Aggregate(string model, string evaluation) => $"aggregate.{model}.{evaluation}";
}
