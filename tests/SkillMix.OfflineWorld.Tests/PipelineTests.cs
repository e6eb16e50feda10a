using Microsoft.Extensions.AI;
using SkillMix.Core.Conversations;
using SkillMix.Core.Prompts;
using SkillMix.Core.Sampling;
using SkillMix.Core.Worlds;
using SkillMix.OfflineWorld.Chat;

namespace SkillMix.OfflineWorld.Tests;

/// <summary>Core's Generate and Grade conversations run against the offline backend, as the pipeline runs them.</summary>
public sealed class PipelineTests
{
    [Fact]
    public async Task Cores_conversations_generate_and_grade_with_the_offline_world()
    {
        var world = CheckableWorld.Default;
        using var teacherClient = OfflineChatClients.Teacher(world);
        using var graderClient = OfflineChatClients.Grader(world);
        var generate = new GenerateConversation(teacherClient, new ChatOptions { Seed = 9 });
        var grade = new GradeConversation(graderClient);
        var teacher = world.Teacher();
        foreach (var c in CombinationSampler.Sample(world.World, Pool.Train, Pool.Train, 3, 40, seed: 9))
        {
            var skills = c.Skills.Select(world.World.GetSkill).ToList();
            var transcript = await generate.RunAsync(skills, c.Topic, repeat: 2);
            Assert.Equal("offline-teacher-1", transcript.Model);
            var expected = teacher.Compose(c.Skills, c.Topic, SentenceLimit.For(3), seed: 9, repeat: 2);
            Assert.Equal(expected.Text, transcript.Answer);

            var gradings = await grade.RunAsync(skills, c.Topic, transcript.Answer, repeats: 3);
            Assert.All(gradings, g => Assert.Equal("offline-grader-1", g.Model));
            Assert.All(gradings, g => Assert.Equal(expected.Record.Points.Select(p => (double)p), g.Points));
        }
    }
}
