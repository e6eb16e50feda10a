namespace SkillMix.Models.Backends;

/// <summary>Backend settings that cannot work; the message names the property and what to do.</summary>
public sealed class BackendSettingsException(string property, string advice, string? source = null)
    : Exception($"{(source is null ? "" : source + ": ")}backend setting '{property}': {advice}.")
{
    public string Property { get; } = property;
}
