namespace SkillMix.Steps.Report;

/// <summary>The report's input contradicts itself; the message names the property and what to change.</summary>
internal sealed class ReportInputException(string property, string message) : Exception($"{property}: {message}")
{
    /// <summary>The ReportInput property at fault, with its index (for example "ReportInput.Cells[3]").</summary>
    public string Property { get; } = property;
}
