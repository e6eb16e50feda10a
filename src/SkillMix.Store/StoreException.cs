namespace SkillMix.Store;

/// <summary>A problem with the store or one of its files; the message names the file and says what to do.</summary>
public sealed class StoreException : Exception
{
    public StoreException(string message)
        : base(message)
    {
    }

    public StoreException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
