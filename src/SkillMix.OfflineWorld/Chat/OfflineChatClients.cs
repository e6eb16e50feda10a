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
}
