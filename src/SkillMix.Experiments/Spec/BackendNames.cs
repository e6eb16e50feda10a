namespace SkillMix.Experiments.Spec;

/// <summary>
/// How an experiment names a model: "offline" (the embedded teacher and grader), "offline-lenient" (a second offline
/// grader that credits every skill of a sensible on-topic text, to compare graders offline), "tinygpt" (the embedded
/// student), "hf:org/model" (an open-weights student that needs GPU training), or "provider:model" for a real API
/// (openai:gpt-4, azure:my-deployment, anthropic:claude-...).
/// </summary>
public static class BackendNames
{
    public const string Offline = "offline";
    public const string OfflineLenient = "offline-lenient";
    public const string TinyGpt = "tinygpt";
    public const string HuggingFacePrefix = "hf:";

    /// <summary>
    /// The API providers a "provider:model" name may start with: the only list of them. SkillMix.Models speaks each one's
    /// protocol (its ModelProvider enum has a member of the same name, which ChatBackends parses the name into; a test
    /// keeps the two in step).
    /// </summary>
    public static IReadOnlyList<string> Providers { get; } = ["openai", "azure", "anthropic"];

    public const string Help =
        "Use 'offline' for the embedded teacher and grader ('offline-lenient' for a more generous offline grader), 'tinygpt' "
        + "for the embedded student, 'hf:org/model' for an open-weights student, or provider:model with provider openai, "
        + "azure or anthropic (for example openai:gpt-4).";

    /// <summary>The provider of an API name (<see cref="IsApi"/>): the part before the colon.</summary>
    public static string ProviderOf(string name) => name[..name.IndexOf(':', StringComparison.Ordinal)];

    public static bool IsTeacherOrGrader(string name) => name == Offline || IsApi(name);

    public static bool IsGrader(string name) => name == OfflineLenient || IsTeacherOrGrader(name);

    public static bool IsStudent(string name) => name == TinyGpt || IsHuggingFace(name) || IsApi(name);

    /// <summary>An open-weights student named by its Hugging Face id, e.g. hf:mistralai/Mistral-7B-Instruct-v0.2.</summary>
    public static bool IsHuggingFace(string name) =>
        name.StartsWith(HuggingFacePrefix, StringComparison.Ordinal) && name.Length > HuggingFacePrefix.Length;

    public static bool IsApi(string name)
    {
        var colon = name.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && colon < name.Length - 1 && Providers.Contains(name[..colon]);
    }
}
