using System.Text.Json.Nodes;
using SkillMix.Steps.ChatModels;
using SkillMix.Core.Records;
using SkillMix.Core.Sampling;
using SkillMix.Core.Worlds;
using Microsoft.Extensions.AI;
using SkillMix.Experiments.Parameters;
using SkillMix.Experiments.Planning;
using SkillMix.Experiments.Spec;
using SkillMix.Training.Training;

namespace SkillMix.Steps;

/// <summary>
/// Pretrain: the base student, the analog of a pretrained chat model that already knows each skill alone. First it learns
/// the world's language from plain text (plain sentences and single-skill texts over all topics); then it learns to answer
/// the Skill-Mix conversation for one skill, on single-skill conversations the teacher wrote for every skill and topic.
/// Output: the checkpoint, and the plain-text corpus that fine-tunes mix in (P1 mixes pretraining text into fine-tuning).
/// </summary>
internal sealed class PretrainStep : IStep
{
    public string Kind => StepKind.Pretrain;

    public async Task<JsonObject> RunAsync(StepFile step, string outputDirectory, StepContext context, CancellationToken cancellationToken)
    {
        var parameters = step.Parameters<PretrainParameters>();
        ChatBackends.Check(parameters.Student, ModelRole.Student, step.Id);
        StudentSetup.UseNumerics(parameters.Training.SkillMixNumerics, step.Id);
        var world = StepWorld.Load(step, parameters.World);
        var offline = world.Offline
            ?? throw new InvalidDataException("the tinygpt student is pretrained on the offline world; set World to offline, or evaluate an API model as Student.");
        var seed = parameters.Seed;

        // Every skill on every topic: the single-skill conversations of the base student's chat tuning. The teacher
        // writes as many draws of each as the chat tuning has rows to fill, so the student sees each conversation about
        // once and must learn the skill and the topic from the prompt rather than recite one text per prompt.
        var combinations = world.World.Skills
            .SelectMany(skill => world.World.Topics.Select(topic => (Skill: skill.Name, Topic: topic)))
            .Select((c, i) => new Combination(i, [c.Skill], c.Topic))
            .ToList();
        var repeats = ChatRepeats(parameters.ChatSteps, parameters.Training.StudentBatchSize, combinations.Count);
        using var teacher = ChatBackends.Create(BackendNames.Offline, ModelRole.Teacher, world, step, new ChatOptions { Seed = seed });
        var records = new RecordContext("pretrain", world.World, Pool.All, Pool.All, seed);
        var work = Enumerable.Range(1, repeats).SelectMany(repeat => combinations.Select(c => (c, repeat))).ToList();
        var singles = await GenerationRun.RunAsync(teacher, world, records, work, null, cancellationToken);

        // Whole replies, not just the answers: the student learns the "Answer: ... Explanation: ..." form and every
        // character of it (the tokenizer's vocabulary comes from this corpus). One draw per skill and topic, so the
        // plain sentences keep their share of the corpus whatever the chat tuning's length.
        var corpus = offline.PlainText().Generate(seed, parameters.PlainSentences)
            .Concat(singles.Take(combinations.Count).SelectMany(s => new[] { s.Turn1Reply, s.Turn2Reply }))
            .ToList();
        SeededRandom.ForStream(seed, "pretrain-corpus").Shuffle(corpus);
        Core.Text.AtomicFile.WriteAllText(Path.Combine(outputDirectory, StudentSetup.CorpusFile), string.Join("\n", corpus) + "\n");
        context.Log.WriteLine($"SkillMix: {step.Id}: {corpus.Count} plain texts, {singles.Count} single-skill conversations.");

        var language = Path.Combine(outputDirectory, "language");
        var first = StudentTraining.Train(StudentSetup.Pretraining(step, parameters, parameters.PretrainSteps),
            new TrainingData(corpus, []), language, null, context.Log);
        var chat = StudentTraining.Train(StudentSetup.Pretraining(step, parameters, parameters.ChatSteps),
            new TrainingData(corpus, singles.Select(Conversations.Of).ToList()),
            Path.Combine(outputDirectory, StudentSetup.CheckpointFolder), language, context.Log);
        Directory.Delete(language, recursive: true);

        var metadata = StudentSetup.Describe(chat, singles.Count);
        metadata["languageLoss"] = first.Losses.Count > 0 ? Math.Round(first.Losses[^1], 4) : null;
        metadata["plainTexts"] = corpus.Count;
        metadata["usage"] = teacher.Usage();
        metadata["chatRepeats"] = repeats;
        return metadata;
    }

    /// <summary>Draws per skill and topic so that the chat tuning's rows (steps x batch) need each draw about once.</summary>
    internal static int ChatRepeats(int chatSteps, int batchSize, int combinations) =>
        combinations == 0 ? 1 : Math.Max(1, (int)Math.Ceiling(chatSteps * (double)batchSize / combinations));
}
