namespace SkillMix.Models.Store;

/// <summary>The call store cannot answer: a replay-only miss or an unreadable record. The message says what to do.</summary>
public sealed class CallStoreException(string message, string path, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>The record file concerned.</summary>
    public string Path { get; } = path;
}
