using Microsoft.Extensions.AI;
using SkillMix.Steps;
using SkillMix.Core.Grading;
using SkillMix.Core.Prompts;
using SkillMix.Core.Sampling;
using SkillMix.Core.Worlds;
using SkillMix.Experiments.Parameters;
using SkillMix.Experiments.Planning;
using SkillMix.Experiments.Spec;
using SkillMix.Models.Backends;
using SkillMix.Models.Cost;
using SkillMix.Models.Limits;
using SkillMix.Store;

namespace SkillMix.Steps.Preflight;

/// <summary>
/// Counts a planned step's model calls and tokens without calling anything. The prompts are the real ones (Core builds them
/// for the very combinations the step will sample) and are counted with the same tokenizer-free estimate the rate limits
/// and the budget use. Replies are unknown before a run, so each is counted at its cap (the backend's output cap, or
/// MaxNewTokens for the student): an upper estimate, as a budget needs. A text to be graded is counted at
/// <see cref="TokensPerSentence"/> per sentence its k allows.
/// </summary>
internal sealed class CallEstimator(PriceTable prices, StepStore store, string stepsDirectory)
{
    private readonly ExperimentLayout _layout = new(stepsDirectory);

    /// <summary>A rough size of one sentence of a Skill-Mix answer, in tokens.</summary>
    public const int TokensPerSentence = 40;

    private readonly Dictionary<string, IReadOnlyList<Combination>> _combinations = new(StringComparer.Ordinal);

    public StepEstimate Estimate(StepFile step, IReadOnlyDictionary<string, StepFile> plan)
    {
        var state = StepState.Of(step, _layout, store);
        var (model, calls) = step.Kind switch
        {
            StepKind.Generate => Generate(step),
            StepKind.Sample => Sample(step),
            StepKind.GradeGenerations => Grade(step, plan[step.Input("generations").Step]),
            StepKind.GradeSamples => Grade(step, plan[step.Input("samples").Step]),
            _ => ((string?)null, new List<(long Input, long Output)>()),
        };
        var input = calls.Sum(c => c.Input);
        var output = calls.Sum(c => c.Output);
        return new StepEstimate(step.Id, step.Kind, step.Key, state, model, calls.Count, input, output, Price(model, input, output));
    }

    private (string?, List<(long Input, long Output)>) Generate(StepFile step)
    {
        var parameters = step.Parameters<GenerateParameters>();
        var world = StepWorld.Load(step, parameters.World).World;
        var combinations = Combinations(step, () => CombinationSampler.Sample(world, PoolNames.Parse(parameters.Skills, "Skills"),
            PoolNames.Parse(parameters.Topics, "Topics"), parameters.K, parameters.Attempts, parameters.Seed));
        return (parameters.Teacher, Conversations(world, combinations, ApiOutputCap(), 1));
    }

    private (string?, List<(long Input, long Output)>) Sample(StepFile step)
    {
        var parameters = step.Parameters<SampleParameters>();
        var world = StepWorld.Load(step, parameters.World).World;
        // A student's answers are as long as MaxNewTokens allows, whatever its backend.
        return (parameters.Student, Conversations(world, SampleCombinations(step, parameters, world), parameters.MaxNewTokens, parameters.Generations));
    }

    // A text to be graded is the answer of a generate or sample step: its combinations and how many texts each has.
    private (string?, List<(long Input, long Output)>) Grade(StepFile step, StepFile texts)
    {
        var parameters = step.Parameters<GradeParameters>();
        var world = StepWorld.Load(step, parameters.World).World;
        if (texts.Kind == StepKind.Sample)
        {
            var sample = texts.Parameters<SampleParameters>();
            return (parameters.Grader, Gradings(world, SampleCombinations(texts, sample, world), sample.Generations * parameters.Gradings));
        }
        var generate = texts.Parameters<GenerateParameters>();
        var combinations = Combinations(texts, () => CombinationSampler.Sample(world, PoolNames.Parse(generate.Skills, "Skills"),
            PoolNames.Parse(generate.Topics, "Topics"), generate.K, generate.Attempts, generate.Seed));
        return (parameters.Grader, Gradings(world, combinations, parameters.Gradings));
    }

    // The two-turn conversation: turn 2 carries turn 1, its reply (at its cap) and the review request.
    private static List<(long Input, long Output)> Conversations(World world, IReadOnlyList<Combination> combinations, int cap, int repeats)
    {
        var calls = new List<(long Input, long Output)>();
        foreach (var combination in combinations)
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

    private static List<(long Input, long Output)> Gradings(World world, IReadOnlyList<Combination> combinations, int gradingsPerCombination)
    {
        var cap = ApiOutputCap();
        var calls = new List<(long Input, long Output)>();
        foreach (var combination in combinations)
        {
            var skills = combination.Skills.Select(world.GetSkill).ToList();
            var text = string.Join(" ", Enumerable.Repeat(new string('w', TokensPerSentence * 4 - 1) + ".", SentenceLimit.For(skills.Count)));
            var prompt = Tokens(GradingPrompt.SystemPrompt, GradingPrompt.Build(skills, combination.Topic, text));
            calls.AddRange(Enumerable.Repeat(((long)prompt, (long)cap), gradingsPerCombination));
        }
        return calls;
    }

    private IReadOnlyList<Combination> SampleCombinations(StepFile step, SampleParameters parameters, World world) =>
        Combinations(step, () => parameters.K.SelectMany(k => CombinationSampler.Sample(world, PoolNames.Parse(parameters.Skills, "Skills"),
            PoolNames.Parse(parameters.Topics, "Topics"), k, parameters.Combinations, parameters.Seed)).ToList());

    // The combinations a generate or sample step draws, exactly as the step will draw them, drawn once per step.
    private IReadOnlyList<Combination> Combinations(StepFile step, Func<IReadOnlyList<Combination>> draw)
    {
        if (!_combinations.TryGetValue(step.Id, out var combinations))
        {
            _combinations[step.Id] = combinations = draw();
        }
        return combinations;
    }

    // A teacher's or grader's reply is as long as the API backend's default output cap allows.
    private static int ApiOutputCap() => new BackendSettings().DefaultMaxOutputTokens;

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
