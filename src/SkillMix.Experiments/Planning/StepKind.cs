using SkillMix.Experiments.Parameters;

namespace SkillMix.Experiments.Planning;

/// <summary>
/// The kinds of step an experiment is made of, in the order a build runs them, each with the version of its code and
/// its parameter record. This list is the only one: the planner, the runner, verify, costs, packing and (through the
/// plan the planner writes) the SDK's targets all take the kinds from here. A version enters every key of its kind: bump
/// it whenever the step's behaviour changes (the code in src/SkillMix.Steps/ or anything it calls), so that stored
/// results of the old code are not reused.
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

    /// <summary>
    /// One kind: its name, code version, parameter record, the parameter naming the model it calls (if any), what its
    /// outputs are when an experiment is packed (<see cref="Dataset"/>, <see cref="Checkpoint"/>, or null: never packed),
    /// and the kinds whose steps its steps read (what `dotnet build -t:SkillMix&lt;Kind&gt;` runs first).
    /// </summary>
    public sealed record Info(string Name, string CodeVersion, Type Parameters, string? ModelParameter, string? Packed, IReadOnlyList<string> Reads);

    /// <summary>Outputs packed with SkillMixPackDatasets: the teacher's texts, their gradings, the training sets.</summary>
    public const string Dataset = "dataset";

    /// <summary>Outputs packed with SkillMixPackCheckpoints: the students.</summary>
    public const string Checkpoint = "checkpoint";

    /// <summary>Every kind, in build order: each kind's steps read only steps of kinds before it (or of its own kind, none do).</summary>
    public static IReadOnlyList<Info> All { get; } =
    [
        new(Generate, "1", typeof(GenerateParameters), "Teacher", Dataset, []),
        new(GradeGenerations, "1", typeof(GradeParameters), "Grader", Dataset, [Generate]),
        new(Filter, "1", typeof(FilterParameters), null, Dataset, [GradeGenerations]),
        new(Pretrain, "4", typeof(PretrainParameters), null, Checkpoint, []),
        new(Train, "1", typeof(TrainParameters), null, Checkpoint, [Filter, Pretrain]),
        new(Sample, "2", typeof(SampleParameters), "Student", null, [Train]),
        new(GradeSamples, "1", typeof(GradeParameters), "Grader", null, [Sample]),
        new(Aggregate, "1", typeof(AggregateParameters), null, null, [GradeSamples]),
        new(Report, "3", typeof(ReportParameters), null, null, [Aggregate]),
    ];

    /// <summary>The kinds' names in build order.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. All.Select(k => k.Name)];

    /// <summary>The kind and every kind it reads, directly or through others, in build order.</summary>
    public static IReadOnlyList<string> Closure(string kind)
    {
        var needed = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([kind]);
        while (pending.TryPop(out var next))
        {
            if (needed.Add(next))
            {
                foreach (var read in Of(next).Reads)
                {
                    pending.Push(read);
                }
            }
        }
        return [.. Names.Where(needed.Contains)];
    }

    public static Info Of(string kind) => All.FirstOrDefault(k => k.Name == kind)
        ?? throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown step kind.");

    public static string CodeVersion(string kind) => Of(kind).CodeVersion;

    /// <summary>The parameter naming the model a step of this kind calls (Teacher, Grader, Student), or null for none.</summary>
    public static string? ModelParameter(string kind) => Of(kind).ModelParameter;
}
