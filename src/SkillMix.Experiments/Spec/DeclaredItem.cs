namespace SkillMix.Experiments.Spec;

/// <summary>An item as the project declares it (type, Include and metadata), independent of MSBuild's types.</summary>
public sealed record DeclaredItem(string ItemType, string Include, IReadOnlyDictionary<string, string> Metadata)
{
    public string? Get(string name) =>
        Metadata.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
}
