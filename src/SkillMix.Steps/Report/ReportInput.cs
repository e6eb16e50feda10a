using SkillMix.Core.Metrics;

namespace SkillMix.Steps.Report;

/// <summary>Everything a results report shows; the writer reads nothing else, so the same input gives the same files.</summary>
/// <param name="Experiment">The experiment's name.</param>
/// <param name="World">The world's name (for example "offline").</param>
/// <param name="WorldIdentity">The world's identity hash, which changes with any skill, topic or split.</param>
/// <param name="Seed">The experiment's seed.</param>
/// <param name="Teacher">The teacher's model id.</param>
/// <param name="Grader">The grader's model id.</param>
/// <param name="Student">The base student's model id.</param>
/// <param name="ReportTime">When the report was made; it comes from the caller so that tests can fix it.</param>
/// <param name="Models">The table's rows: the base student's name first, then each fine-tune in declared order.</param>
/// <param name="Evaluations">The table's column groups, in declared order.</param>
/// <param name="Cells">The aggregated cells; CellKey.Model names a row, CellKey.Setting an evaluation.</param>
/// <param name="TrainingSets">The fine-tuning data sets, in declared order.</param>
/// <param name="Steps">Every step of the experiment, in plan order.</param>
/// <param name="Machine">The tool and the machine the report was made with.</param>
/// <param name="Agreement">How far the grader and the second grader agree; null without a second grader.</param>
internal sealed record ReportInput(
    string Experiment,
    string World,
    string WorldIdentity,
    long Seed,
    string Teacher,
    string Grader,
    string Student,
    DateTimeOffset ReportTime,
    IReadOnlyList<string> Models,
    IReadOnlyList<ReportEvaluation> Evaluations,
    IReadOnlyList<CellResult> Cells,
    IReadOnlyList<ReportTrainingSet> TrainingSets,
    IReadOnlyList<ProvenanceEntry> Steps,
    ReportMachine Machine,
    GraderAgreement? Agreement = null);
