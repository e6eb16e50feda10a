using Microsoft.Extensions.AI;

namespace SkillMix.Core.Conversations;

/// <summary>A copy of the caller's options with the repeat index set, so the caller's object is never changed.</summary>
internal static class RepeatOptions
{
    public static ChatOptions For(ChatOptions? options, int repeat)
    {
        var copy = options?.Clone() ?? new ChatOptions();
        copy.AdditionalProperties = copy.AdditionalProperties is { } existing
            ? new AdditionalPropertiesDictionary(existing)
            : [];
        copy.AdditionalProperties[ChatOptionKeys.Repeat] = repeat;
        return copy;
    }
}
