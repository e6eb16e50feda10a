using System.Globalization;
using System.Text.RegularExpressions;
using SkillMix.Core.Numerics;
using SkillMix.Core.Worlds;
using SkillMix.Experiments.Parameters;

namespace SkillMix.Experiments.Spec;

/// <summary>
/// Reads an experiment's properties and items into an <see cref="ExperimentSpec"/>, collecting every problem (not just the
/// first) as a <see cref="SpecError"/> that names the property or item and says what to do. docs/sdk.md lists the
/// properties and item types read here, with their defaults.
/// </summary>
public sealed partial class SpecReader
{
    public const string TrainingSetItem = "TrainingSet";
    public const string FineTuneItem = "FineTune";
    public const string EvaluationItem = "Evaluation";

    private static readonly string[] KnownWorlds = ["offline", "skillmix"];

    private readonly IReadOnlyDictionary<string, string> _properties;
    private readonly string _projectFile;
    private readonly Func<DeclaredItem, SpecLocation> _locate;
    private readonly List<SpecError> _errors = [];

    private SpecReader(IReadOnlyDictionary<string, string> properties, string projectFile, Func<DeclaredItem, SpecLocation> locate)
    {
        _properties = properties;
        _projectFile = projectFile;
        _locate = locate;
    }

    /// <summary>Reads the spec; it is null exactly when there are errors.</summary>
    public static (ExperimentSpec? Spec, IReadOnlyList<SpecError> Errors) Read(
        IReadOnlyDictionary<string, string> properties, IReadOnlyList<DeclaredItem> items, string projectFile,
        Func<DeclaredItem, SpecLocation>? locate = null)
    {
        var reader = new SpecReader(properties, projectFile, locate ?? (_ => new SpecLocation(projectFile)));
        var spec = reader.ReadSpec(items);
        reader._errors.AddRange(PlanChecks.Check(spec));
        return reader._errors.Count == 0 ? (spec, []) : (null, reader._errors);
    }

    private ExperimentSpec ReadSpec(IReadOnlyList<DeclaredItem> items)
    {
        var seed = Long("Seed", 1);
        var world = ReadWorld(seed);
        var teacher = Backend("Teacher", "offline", BackendNames.IsTeacherOrGrader);
        var grader = Backend("Grader", "offline", BackendNames.IsGrader);
        var secondGrader = String("SecondGrader", "") is { Length: > 0 } ? Backend("SecondGrader", "", BackendNames.IsGrader) : null;
        if (secondGrader is not null && secondGrader == grader)
        {
            Error(ErrorCodes.InvalidValue, $"SecondGrader='{secondGrader}' is the Grader itself; name another grader, or remove SecondGrader.", Here());
        }
        var learningRate = Double("StudentLearningRate", 1e-3, min: 1e-7, max: 1);
        var student = new StudentSpec(
            Backend("Student", BackendNames.TinyGpt, BackendNames.IsStudent),
            Choice("StudentPreset", "tiny", "tiny", "smoke"),
            Choice("StudentTokenizer", "word", "word", "char"),
            Int("PretrainSteps", 1500, min: 0),
            Int("FineTuneSteps", 400, min: 0),
            Int("ChatSteps", 400, min: 0),
            Int("PlainSentences", 4000, min: 0),
            learningRate,
            // Rounded to 15 digits, so the step parameter reads 0.0003 rather than 0.00030000000000000003.
            Double("FineTuneLearningRate", Math.Round(learningRate * StudentSpec.PretrainDecay, 15), min: 1e-7, max: 1),
            ReadTraining(),
            String("StudentDevice", "cpu"),
            Double("Temperature", 0.7, min: 0, max: 5),
            Int("MaxNewTokens", 512, min: 1),
            String("SkillMixModelsDir", ""),
            Double("SkillMixGpuMemoryGiB", 80, min: 0.001, max: 1e6),
            Here());

        var sets = items.Where(i => i.ItemType == TrainingSetItem).Select(ReadTrainingSet).ToList();
        var fineTunes = items.Where(i => i.ItemType == FineTuneItem).Select(ReadFineTune).ToList();
        var evaluations = items.Where(i => i.ItemType == EvaluationItem).Select(ReadEvaluation).ToList();

        Unique(sets.Select(s => (s.Name, s.Location)), TrainingSetItem);
        Unique(fineTunes.Select(f => (f.Name, f.Location)), FineTuneItem);
        Unique(evaluations.Select(e => (e.Name, e.Location)), EvaluationItem);
        var setNames = sets.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var fineTune in fineTunes)
        {
            if (fineTune.Name == Planning.ExperimentPlanner.BaseModel)
            {
                Error(ErrorCodes.InvalidName, $"FineTune '{fineTune.Name}': the name 'base' is the base student's row; choose another name.", fineTune.Location);
            }
            foreach (var missing in fineTune.Data.Where(d => !setNames.Contains(d)))
            {
                Error(ErrorCodes.MissingTrainingSet,
                    $"FineTune '{fineTune.Name}' uses training set '{missing}', which is not declared. Declared training sets: "
                    + (setNames.Count == 0 ? "none" : string.Join(", ", setNames.Order(StringComparer.Ordinal)))
                    + $". Add <{TrainingSetItem} Include=\"{missing}\" ... /> or fix Data.", fineTune.Location);
            }
        }

        var filterGradings = Int("FilterGradings", 1, min: 1);
        var name = String("SkillMixExperimentName", System.IO.Path.GetFileNameWithoutExtension(_projectFile));
        return new ExperimentSpec(name, _projectFile, world, teacher, grader, filterGradings, student, seed, sets, fineTunes, evaluations,
            secondGrader, ReadCost());
    }

    // The defaults of every training setting, and the only ones (TrainingSettings says why).
    private TrainingSettings ReadTraining() => new(
        StudentBatchSize: Int("StudentBatchSize", 16, min: 1),
        WarmupSteps: Int("WarmupSteps", 20, min: 0),
        WeightDecay: Double("WeightDecay", 0.1, min: 0, max: 1),
        Beta1: Double("Beta1", 0.9, min: 0, max: 0.999999),
        Beta2: Double("Beta2", 0.99, min: 0, max: 0.999999),
        GradientClip: Double("GradientClip", 1.0, min: 0, max: 1e6),
        PretrainMix: Double("PretrainMix", 0.1, min: 0, max: 1),
        EvalEvery: Int("EvalEvery", 100, min: 0),
        EvalBatches: Int("EvalBatches", 4, min: 1),
        ValidationFraction: Double("ValidationFraction", 0.05, min: 0, max: 0.5),
        Precision: Choice("Precision", "bf16", "bf16", "fp32"),
        ChatTemplate: Choice("ChatTemplate", "compact", "compact", "full"),
        SkillMixNumerics: NumericsKey.KeyText(Numerics()));

    // Native by default until pinned training costs at most 1.5x native (docs/training.md, "Numerics").
    private NumericsMode Numerics()
    {
        var text = String(NumericsKey.Property, "native");
        if (NumericsKey.TryParse(text, out var mode))
        {
            return mode;
        }
        Error(ErrorCodes.UnknownNumerics,
            $"Property {NumericsKey.Property}='{text}' is not a numerics mode; use pinned (the same bits on every x86-64 CPU with AVX2) or native (libtorch's fastest choice for this CPU).",
            Here());
        return NumericsMode.Native;
    }

    private CostSpec ReadCost()
    {
        decimal? budget = null;
        var text = String(CostSpec.BudgetProperty, "");
        if (text.Length > 0)
        {
            if (decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var usd) && usd >= 0)
            {
                budget = usd;
            }
            else
            {
                Error(ErrorCodes.InvalidValue, $"Property {CostSpec.BudgetProperty}='{text}' is not an amount of US dollars of at least 0 (write e.g. 250 or 12.5).", Here());
            }
        }
        var prices = Path(CostSpec.PriceFileProperty);
        if (prices is not null && !File.Exists(prices))
        {
            Error(ErrorCodes.InvalidValue, $"{CostSpec.PriceFileProperty}: the price file '{prices}' does not exist.", Here());
        }
        return new CostSpec(budget, prices);
    }

    private WorldSpec ReadWorld(long seed)
    {
        var name = String("World", "offline").ToLowerInvariant();
        if (!KnownWorlds.Contains(name))
        {
            Error(ErrorCodes.UnknownWorld, $"World '{name}' is not known. Use 'offline' (the embedded world) or 'skillmix' (with WorldSkills and WorldTopics).", Here());
        }
        var skills = Path("WorldSkills");
        var topics = Path("WorldTopics");
        if (name == "skillmix" && (skills is null || topics is null))
        {
            Error(ErrorCodes.WorldFile, "World 'skillmix' needs WorldSkills (a Skill-Mix skill CSV) and WorldTopics (one topic per line).", Here());
        }
        foreach (var (property, path) in new[] { ("WorldSkills", skills), ("WorldTopics", topics) })
        {
            if (path is not null && !File.Exists(path))
            {
                Error(ErrorCodes.WorldFile, $"{property}: the file '{path}' does not exist.", Here());
            }
        }
        var trainCategories = List("TrainCategories", "literary;rhetorical");
        return new WorldSpec(name, skills, topics, trainCategories, Long("TopicSplitSeed", seed),
            Int("WorldSkillCount", 0, min: 0), Int("WorldTopicCount", 0, min: 0), Here());
    }

    private TrainingSetSpec ReadTrainingSet(DeclaredItem item)
    {
        var at = _locate(item);
        var name = Name(item, at);
        var k = ItemInt(item, "K", null, 1, at);
        return new TrainingSetSpec(name, k, ItemPool(item, "Skills", Pool.Train, at), ItemPool(item, "Topics", Pool.Train, at),
            ItemInt(item, "Attempts", null, 1, at), at);
    }

    private FineTuneSpec ReadFineTune(DeclaredItem item)
    {
        var at = _locate(item);
        var data = SplitList(item.Get("Data"));
        if (data.Count == 0)
        {
            Error(ErrorCodes.InvalidValue, $"{FineTuneItem} '{item.Include}': Data is empty; list the training sets to fine-tune on, e.g. Data=\"D1;D2\".", at);
        }
        return new FineTuneSpec(Name(item, at), data, ItemInt(item, "MaxExamples", 0, 0, at), at);
    }

    private EvaluationSpec ReadEvaluation(DeclaredItem item)
    {
        var at = _locate(item);
        var ks = new List<int>();
        foreach (var text in SplitList(item.Get("K")))
        {
            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var k) && k >= 1)
            {
                ks.Add(k);
            }
            else
            {
                Error(ErrorCodes.KOutOfRange, $"{EvaluationItem} '{item.Include}': K contains '{text}'; each k must be a whole number of at least 1.", at);
            }
        }
        if (item.Get("K") is null)
        {
            Error(ErrorCodes.InvalidValue, $"{EvaluationItem} '{item.Include}' has no K; give the k values to evaluate, e.g. K=\"2;3;4;5\".", at);
        }
        return new EvaluationSpec(Name(item, at), ks,
            ItemPool(item, "Skills", Pool.All, at), ItemPool(item, "Topics", Pool.All, at),
            ItemInt(item, "Combinations", Int("Combinations", 100, min: 1), 1, at),
            ItemInt(item, "Generations", Int("Generations", 3, min: 1), 1, at),
            ItemInt(item, "Gradings", Int("Gradings", 3, min: 1), 1, at),
            ItemBool(item, "NameFilter", Bool("NameFilter", false), at),
            at);
    }

    private string Name(DeclaredItem item, SpecLocation at)
    {
        if (!NamePattern().IsMatch(item.Include))
        {
            Error(ErrorCodes.InvalidName,
                $"{item.ItemType} '{item.Include}': a name may use letters, digits, '-' and '_' only (it names files and table rows).", at);
        }
        return item.Include;
    }

    private int ItemInt(DeclaredItem item, string metadata, int? fallback, int min, SpecLocation at)
    {
        var text = item.Get(metadata);
        if (text is null)
        {
            if (fallback is { } value)
            {
                return value;
            }
            Error(ErrorCodes.InvalidValue, $"{item.ItemType} '{item.Include}' has no {metadata}; set {metadata}=\"...\" on the item.", at);
            return min;
        }
        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) && number >= min)
        {
            return number;
        }
        Error(metadata == "K" ? ErrorCodes.KOutOfRange : ErrorCodes.InvalidValue,
            $"{item.ItemType} '{item.Include}': {metadata}=\"{text}\" is not a whole number of at least {min}.", at);
        return min;
    }

    private Pool ItemPool(DeclaredItem item, string metadata, Pool fallback, SpecLocation at)
    {
        var text = item.Get(metadata);
        if (text is null)
        {
            return fallback;
        }
        if (PoolNames.TryParse(text, out var pool))
        {
            return pool;
        }
        Error(ErrorCodes.UnknownPool, $"{item.ItemType} '{item.Include}': {metadata}=\"{text}\" is not a pool; use train, held-out or all.", at);
        return fallback;
    }

    private bool ItemBool(DeclaredItem item, string metadata, bool fallback, SpecLocation at)
    {
        var text = item.Get(metadata);
        if (text is null)
        {
            return fallback;
        }
        if (bool.TryParse(text, out var value))
        {
            return value;
        }
        Error(ErrorCodes.InvalidValue, $"{item.ItemType} '{item.Include}': {metadata}=\"{text}\" must be true or false.", at);
        return fallback;
    }

    private string Backend(string property, string fallback, Func<string, bool> isKnown)
    {
        var value = String(property, fallback);
        if (!isKnown(value))
        {
            Error(ErrorCodes.UnknownBackend, $"{property}='{value}' is not a known backend. {BackendNames.Help}", Here());
        }
        return value;
    }

    private string Choice(string property, string fallback, params string[] allowed)
    {
        var value = String(property, fallback);
        if (!allowed.Contains(value, StringComparer.Ordinal))
        {
            Error(ErrorCodes.InvalidValue, $"Property {property}='{value}' is not one of {string.Join(", ", allowed)}.", Here());
            return fallback;
        }
        return value;
    }

    private string String(string property, string fallback) =>
        _properties.TryGetValue(property, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : fallback;

    private string? Path(string property)
    {
        var value = String(property, "");
        return value.Length == 0 ? null : System.IO.Path.GetFullPath(value, System.IO.Path.GetDirectoryName(_projectFile) ?? ".");
    }

    private IReadOnlyList<string> List(string property, string fallback) => SplitList(String(property, fallback));

    private static IReadOnlyList<string> SplitList(string? text) =>
        (text ?? "").Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private int Int(string property, int fallback, int min)
    {
        var text = String(property, "");
        if (text.Length == 0)
        {
            return fallback;
        }
        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= min)
        {
            return value;
        }
        Error(ErrorCodes.InvalidValue, $"Property {property}='{text}' is not a whole number of at least {min}.", Here());
        return fallback;
    }

    private long Long(string property, long fallback)
    {
        var text = String(property, "");
        if (text.Length == 0)
        {
            return fallback;
        }
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }
        Error(ErrorCodes.InvalidValue, $"Property {property}='{text}' is not a whole number.", Here());
        return fallback;
    }

    private double Double(string property, double fallback, double min, double max)
    {
        var text = String(property, "");
        if (text.Length == 0)
        {
            return fallback;
        }
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }
        Error(ErrorCodes.InvalidValue, $"Property {property}='{text}' is not a number from {min} to {max}.", Here());
        return fallback;
    }

    private bool Bool(string property, bool fallback)
    {
        var text = String(property, "");
        if (text.Length == 0)
        {
            return fallback;
        }
        if (bool.TryParse(text, out var value))
        {
            return value;
        }
        Error(ErrorCodes.InvalidValue, $"Property {property}='{text}' must be true or false.", Here());
        return fallback;
    }

    private void Unique(IEnumerable<(string Name, SpecLocation At)> names, string itemType)
    {
        foreach (var group in names.GroupBy(n => n.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            Error(ErrorCodes.DuplicateName, $"{itemType} '{group.Key}' is declared {group.Count()} times; give each a different name.", group.Last().At);
        }
    }

    private SpecLocation Here() => new(_projectFile);

    private void Error(string code, string message, SpecLocation at) => _errors.Add(new SpecError(code, message, at));

    [GeneratedRegex("^[A-Za-z0-9_-]+$")]
    private static partial Regex NamePattern();
}
