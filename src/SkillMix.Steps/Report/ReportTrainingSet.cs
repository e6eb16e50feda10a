namespace SkillMix.Steps.Report;

/// <summary>One fine-tuning data set D(k): how many texts the teacher wrote and how many earned full marks.</summary>
internal sealed record ReportTrainingSet(string Name, int K, int Attempts, int Kept)
{
    /// <summary>Kept / attempts; null when nothing was attempted.</summary>
    public double? KeptFraction => Attempts == 0 ? null : (double)Kept / Attempts;
}
