namespace SkillMix.Bench.Training;

/// <summary>One training measurement.</summary>
internal sealed record TrainResult(long Parameters, double TokensPerSecond, double Gflops, double PeakRssMb, double FirstRssMb, double LastRssMb);
