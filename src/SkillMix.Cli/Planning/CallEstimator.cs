using Microsoft.Extensions.AI;
using SkillMix.Cli.Steps;
using SkillMix.Core.Grading;
using SkillMix.Core.Prompts;
using SkillMix.Core.Sampling;
using SkillMix.Core.Worlds;
using SkillMix.Experiments.Planning;
using SkillMix.Experiments.Spec;
using SkillMix.Models.Backends;
using SkillMix.Models.Cost;
using SkillMix.Models.Limits;
using SkillMix.Store;

namespace SkillMix.Cli.Planning;

/// <summary>
/// Counts a planned step's model calls and tokens without calling anything. The prompts are the real ones (Core builds them
/// for the very combinations the step will sample) and are counted with the same tokenizer-free estimate the rate limits
/// and the budget use. Replies are unknown before a run, so each is counted at its cap (the backend's output cap, or
/// MaxNewTokens for the student): an upper estimate, as a budget needs. A text to be graded is counted at
/// <see cref="TokensPerSentence"/> per sentence its k allows.
/// </summary>
internal sealed class CallEstimator(PriceTable prices, StepStore store, string stepsDirectory)
{
    /// <summary>A rough size of one sentence of a Skill-Mix answer, in tokens.</summary>
    public const int TokensPerSentence = 40;

    private readonly Dictionary<string, IReadOnlyList<Combination>> _combinations = new(StringComparer.Ordinal);

    public StepEstimate Estimate(StepFile step, IReadOnlyDictionary<string, StepFile> plan)
    {
        var state = StepState.Of(step, stepsDirectory, store);
        var (model, calls) = step.Kind switch
        {
            StepKind.Generate => (step.Parameter<string>("Teacher"), Conversations(step, step.Parameter<string>("Teacher"), 1)),
            StepKind.Sample => (step.Parameter<string>("Student"), Conversations(step, step.Parameter<string>("Student"), step.Parameter<int>("Generations"))),
            StepKind.GradeGenerations => (step.Parameter<string>("Grader"), Gradings(step, plan[step.Input("generations").Step], 1)),
            StepKind.GradeSamples => (step.Parameter<string>("Grader"), Gradings(step, plan[step.Input("samples").Step],
                plan[step.Input("samples").Step].Parameter<int>("Generations"))),
            _ => ((string?)null, new List<(long Input, long Output)>()),
        };
        var input = calls.Sum(c => c.Input);
        var output = calls.Sum(c => c.Output);
        return new StepEstimate(step.Id, step.Kind, step.Key, state, model, calls.Count, input, output, Price(model, input, output));
    }

    // The two-turn conversation: turn 2 carries turn 1, its reply (at its cap) and the review request.
    private List<(long Input, long Output)> Conversations(StepFile step, string model, int repeats)
    {
        var world = StepWorld.Load(step).World;
        var cap = OutputCap(model, step);
        var calls = new List<(long Input, long Output)>();
        foreach (var combination in Combinations(step, world))
        {
            var skills = combination.Skills.Select(world.GetSkill).ToList();
            var turn1 = Tokens(GenerationPrompt.SystemPrompt, GenerationPrompt.Turn1(skills, combination.Topic));
            var turn2 = Tokens(GenerationPrompt.Turn2(skills, combination.Topic, SentenceLimit.For(skills.Count)));
            for (var r = 0; r < repeats; r++)
            {
                calls.Add((turn1, cap));
                calls.Add((turn1 + cap + turn2, cap));
            }
        }
        return calls;
    }

    private List<(long Input, long Output)> Gradings(StepFile step, StepFile texts, int textsPerCombination)
    {
        var world = StepWorld.Load(step).World;
        var cap = OutputCap(step.Parameter<string>("Grader"), step);
        var repeats = step.Parameter<int>("Gradings");
        var calls = new List<(long Input, long Output)>();
        foreach (var combination in Combinations(texts, world))
        {
            var skills = combination.Skills.Select(world.GetSkill).ToList();
            var text = string.Join(" ", Enumerable.Repeat(new string('w', TokensPerSentence * 4 - 1) + ".", SentenceLimit.For(skills.Count)));
            var prompt = Tokens(GradingPrompt.SystemPrompt, GradingPrompt.Build(skills, combination.Topic, text));
            calls.AddRange(Enumerable.Repeat(((long)prompt, (long)cap), textsPerCombination * repeats));
        }
        return calls;
    }

    // The combinations a generate or sample step draws, exactly as the step will draw them.
    private IReadOnlyList<Combination> Combinations(StepFile step, World world)
    {
        if (_combinations.TryGetValue(step.Id, out var known))
        {
            return known;
        }
        var skills = PoolNames.Parse(step.Parameter<string>("Skills"), "Skills");
        var topics = PoolNames.Parse(step.Parameter<string>("Topics"), "Topics");
        var seed = step.Parameter<long>("Seed");
        var combinations = step.Kind == StepKind.Generate
            ? CombinationSampler.Sample(world, skills, topics, step.Parameter<int>("K"), step.Parameter<int>("Attempts"), seed)
            : step.Parameter<int[]>("K").SelectMany(k => CombinationSampler.Sample(world, skills, topics, k, step.Parameter<int>("Combinations"), seed)).ToList();
        _combinations[step.Id] = combinations;
        return combinations;
    }

    private static int OutputCap(string model, StepFile step) =>
        model == BackendNames.TinyGpt || BackendNames.IsHuggingFace(model) || (step.Kind == StepKind.Sample && BackendNames.IsApi(model))
            ? step.Parameter<int>("MaxNewTokens")
            : new BackendSettings().DefaultMaxOutputTokens;

    private static int Tokens(params string[] messages) =>
        TokenEstimate.Input(messages.Select(m => new ChatMessage(ChatRole.User, m)), null);

    // Local models cost nothing; an API model without a price has no estimate rather than a guessed one.
    private decimal? Price(string? model, long input, long output)
    {
        if (model is null || !BackendNames.IsApi(model))
        {
            return 0;
        }
        var id = model[(model.IndexOf(':', StringComparison.Ordinal) + 1)..];
        return prices.Find(id)?.Of(input, output);
    }
}
