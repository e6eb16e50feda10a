namespace SkillMix.OfflineWorld.Teaching;

/// <summary>A prompt names a skill or topic the offline world does not have; the chat clients turn it into an error reply.</summary>
public sealed class UnknownNameException : Exception
{
    public UnknownNameException(string message) : base(message)
    {
    }

    public UnknownNameException()
    {
    }

    public UnknownNameException(string message, Exception inner) : base(message, inner)
    {
    }

    internal static UnknownNameException Skill(string name, CheckableWorld world) => new(
        $"The offline world has no skill named '{name}'. Its skills: {string.Join(", ", world.Skills.Select(s => s.Name))}.");

    internal static UnknownNameException Topic(string name, CheckableWorld world) => new(
        $"The offline world has no topic named '{name}'. Its topics: {string.Join(", ", world.Topics.Select(t => t.Name))}.");
}
