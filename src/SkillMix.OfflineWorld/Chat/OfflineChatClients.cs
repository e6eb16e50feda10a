using Microsoft.Extensions.AI;
using SkillMix.OfflineWorld.Teaching;

namespace SkillMix.OfflineWorld.Chat;

/// <summary>The "offline" chat backend: the offline world's teacher and grader, chosen by role.</summary>
public static class OfflineChatClients
{
    public const string BackendName = "offline";

    public static IChatClient Teacher(CheckableWorld? world = null, FailureModel? failures = null) =>
        new OfflineTeacherChatClient((world ?? CheckableWorld.Default).Teacher(failures));

    public static IChatClient Grader(CheckableWorld? world = null) =>
        new OfflineGraderChatClient((world ?? CheckableWorld.Default).Grader());

    /// <summary>The lenient second grader: credits every skill of an on-topic, sensible text.</summary>
    public static IChatClient LenientGrader(CheckableWorld? world = null) =>
        new OfflineGraderChatClient((world ?? CheckableWorld.Default).Grader(), lenient: true);

    /// <summary>The client for a role ("teacher" or "grader") of a backend name; false for any other backend.</summary>
    public static bool TryCreate(string backend, string role, out IChatClient client, CheckableWorld? world = null)
    {
        client = null!;
        if (!string.Equals(backend, BackendName, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        client = role.ToLowerInvariant() switch
        {
            "teacher" => Teacher(world),
            "grader" => Grader(world),
            _ => throw new ArgumentException(
                $"The offline backend plays the roles teacher and grader, not '{role}'; a student needs a trained model."),
        };
        return true;
    }
}
