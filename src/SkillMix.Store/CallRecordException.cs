namespace SkillMix.Store;

/// <summary>
/// A model-call record or call list that cannot be trusted: unreadable, or a record whose request does not hash to its
/// key. The message names the file (or package entry) and says what to do.
/// </summary>
public sealed class CallRecordException(string message, Exception? inner = null) : Exception(message, inner);
