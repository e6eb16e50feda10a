namespace SkillMix.Experiments.Spec;

/// <summary>
/// How an experiment names a model: "offline" (the embedded teacher and grader), "tinygpt" (the embedded student), or
/// "provider:model" for a real API (openai:gpt-4, azure:my-deployment, anthropic:claude-...).
/// </summary>
public static class BackendNames
{
    private static readonly string[] Providers = ["openai", "azure", "anthropic"];

    public const string Help =
        "Use 'offline' for the embedded teacher and grader, 'tinygpt' for the embedded student, or provider:model "
        + "with provider openai, azure or anthropic (for example openai:gpt-4).";

    public static bool IsTeacherOrGrader(string name) => name == "offline" || IsApi(name);

    public static bool IsStudent(string name) => name == "tinygpt" || IsApi(name);

    public static bool IsApi(string name)
    {
        var colon = name.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && colon < name.Length - 1 && Providers.Contains(name[..colon]);
    }
}
