namespace SkillMix.Training.Training;

/// <summary>The outcome of a training run.</summary>
/// <param name="Losses">The training loss of every step, in order.</param>
/// <param name="ValidationLoss">The last validation loss, or NaN when nothing was held out.</param>
/// <param name="TokensPerSecond">Tokens through the model per second of training (padding included).</param>
/// <param name="Elapsed">Wall time of the loop.</param>
/// <param name="Parameters">Parameters of the model.</param>
/// <param name="StudentId">The saved checkpoint's id.</param>
public sealed record TrainingReport(
    IReadOnlyList<double> Losses, double ValidationLoss, double TokensPerSecond, TimeSpan Elapsed, long Parameters, string StudentId);
