namespace SkillMix.Training.Training;

/// <summary>
/// What a fine-tune wrote and how it went: the output folder, the loss curve's CSV beside it, the losses of the steps this
/// call ran (after <see cref="ResumedFrom"/>, 0 for a fresh run), the trained parameters, the throughput, the training
/// loop's wall time and the processor time the process spent in it (all threads: on a shared machine the honest measure of
/// work), and the run's key.
/// </summary>
public sealed record LlamaFineTuningReport(
    string Output, string LossCsv, IReadOnlyList<double> Losses, int ResumedFrom, long TrainedParameters,
    double TokensPerSecond, TimeSpan Elapsed, TimeSpan ProcessorTime, long Tokens, string Key);
