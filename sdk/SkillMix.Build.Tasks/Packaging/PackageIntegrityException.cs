namespace SkillMix.Build.Tasks.Packaging;

/// <summary>An experiment package whose files do not match its index: altered after packing, or damaged in transit.</summary>
public sealed class PackageIntegrityException(string message) : Exception(message);
