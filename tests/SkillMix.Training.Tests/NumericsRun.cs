namespace SkillMix.Training.Tests;

/// <summary>What one run of the numerics program printed: hashes of its checkpoint, logits and samples, and its pin's state.</summary>
public sealed record NumericsRun(string Checkpoint, string Logits, string Samples, double LastLoss, int Threads, string[] PinProblems);
