namespace SkillMix.Training.Training;

/// <summary>
/// Where a training run stands: the optimizer steps taken (the learning-rate schedule's position), the batches drawn so
/// far (the data order's position: the order itself follows from the seed), and the key of the step being built, so a
/// saved state is only ever resumed by the run that wrote it.
/// </summary>
public sealed record TrainProgress(string Key, int Step, long DataPosition);
