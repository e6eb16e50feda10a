using SkillMix.Store;

namespace SkillMix.Experiments.Planning;

/// <summary>
/// The experiment's working folder and the rule that says a step is up to date, in one place, as StoreLayout is for the
/// store:
/// <code>
/// steps/&lt;id&gt;.json            the step file: definition, key, inputs, context (the planner writes it when it changes)
/// steps/&lt;id&gt;.last.json       the definition the outputs in out/&lt;id&gt;/ were made or restored under
/// steps/&lt;id&gt;.manifest.json   the store manifest of those outputs (the Output of the step's MSBuild target)
/// steps/steps.list           "&lt;kind&gt; &lt;id&gt;" per step, kind by kind in build order (the SDK's step target batches on it)
/// steps/kinds.list           "&lt;kind&gt; &lt;kind&gt;;&lt;kind&gt;..." per kind: the kinds -t:SkillMix&lt;Kind&gt; runs, itself included
/// out/&lt;id&gt;/                   the step's outputs (the folder is named in the step file)
/// </code>
/// </summary>
public sealed class ExperimentLayout(string stepsDirectory)
{
    private const string StepExtension = ".json";
    private const string LastExtension = ".last.json";
    private const string ManifestExtension = ".manifest.json";

    /// <summary>The steps folder, absolute.</summary>
    public string StepsDirectory { get; } = Path.GetFullPath(stepsDirectory);

    public string StepFile(string id) => Path.Combine(StepsDirectory, id + StepExtension);
    public string LastDefinition(string id) => Path.Combine(StepsDirectory, id + LastExtension);
    public string ManifestCopy(string id) => Path.Combine(StepsDirectory, id + ManifestExtension);
    /// <summary>Every step's kind and id, one "kind id" line each, in build order.</summary>
    public string StepList => Path.Combine(StepsDirectory, "steps.list");

    /// <summary>Each kind with the kinds a build of its target alone runs (StepKind.Closure), one "kind k1;k2" line each.</summary>
    public string KindList => Path.Combine(StepsDirectory, "kinds.list");

    /// <summary>The layout of the folder a step file lies in.</summary>
    public static ExperimentLayout Of(string stepFile) => new(Path.GetDirectoryName(Path.GetFullPath(stepFile))!);

    /// <summary>True when the planner has written a plan here (the step list, even when empty).</summary>
    public bool HasPlan => File.Exists(StepList);

    /// <summary>The step ids of every kind, in the order the build runs them: kind by kind, each kind in plan order.</summary>
    public IReadOnlyList<string> StepIds() => [.. ReadStepList().Select(line => line.Id)];

    /// <summary>The ids of one kind's steps in plan order; none when there is no plan.</summary>
    public IReadOnlyList<string> StepIds(string kind) => [.. ReadStepList().Where(line => line.Kind == kind).Select(line => line.Id)];

    /// <summary>The text of the step list for these steps (kind, a space, id; one line each), in the order given.</summary>
    public static string StepListText(IEnumerable<(string Kind, string Id)> steps) => string.Concat(steps.Select(s => $"{s.Kind} {s.Id}\n"));

    /// <summary>The text of the kind list: each kind of StepKind.All with its closure.</summary>
    public static string KindListText() => string.Concat(StepKind.Names.Select(k => $"{k} {string.Join(';', StepKind.Closure(k))}\n"));

    private IEnumerable<(string Kind, string Id)> ReadStepList() =>
        File.Exists(StepList)
            ? File.ReadAllLines(StepList).Where(line => line.Length > 0).Select(line => line.Split(' ', 2)).Select(parts => (parts[0], parts[1]))
            : [];

    /// <summary>The experiment's step files in build order; an error that says how to plan when there is no plan.</summary>
    public IReadOnlyList<Planning.StepFile> LoadPlan()
    {
        if (!HasPlan)
        {
            throw new IOException($"{StepsDirectory} holds no plan: build the experiment with -t:SkillMixPlan (or -p:SkillMixMode=plan) first.");
        }
        return [.. StepIds().Select(id => Planning.StepFile.Load(StepFile(id)))];
    }

    /// <summary>The definition the step's current outputs were made under, or null when none is recorded.</summary>
    public StepDefinition? Previous(string id)
    {
        var path = LastDefinition(id);
        return File.Exists(path) ? StepDefinition.Load(path) : null;
    }

    /// <summary>The manifest copy of a built step, or null when there is none or it is unreadable (the step is then not built).</summary>
    public StepManifest? Manifest(string id)
    {
        var path = ManifestCopy(id);
        try
        {
            return StepManifest.Parse(File.ReadAllText(path), path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or StoreException)
        {
            return null;
        }
    }

    /// <summary>
    /// The up-to-date rule: a step is up to date when its outputs were made under its current key, their manifest copy
    /// is there, and the files in its output folder are the ones that manifest names. Returns null when it is up to date,
    /// else why not, in words for the build log.
    /// </summary>
    public string? WhyNotUpToDate(Planning.StepFile step)
    {
        var previous = Previous(step.Id);
        if (previous is null)
        {
            return "no previous run recorded";
        }
        if (previous.Key != step.Key)
        {
            return RerunReason.Explain(previous, step.Definition);
        }
        var manifest = Manifest(step.Id);
        if (manifest is null || manifest.Key != step.Key)
        {
            return "its manifest copy is missing";
        }
        return OutputProblem(step.Id, manifest, step.OutputDirectory);
    }

    /// <summary>
    /// Whether the files in <paramref name="outputDirectory"/> are the ones <paramref name="manifest"/> (step
    /// <paramref name="id"/>'s manifest copy) names: null when they
    /// are, else the first difference. Cheap on a folder nobody touched: a file is re-hashed only when its size differs or
    /// it was modified after the manifest copy was written (the copy is always written after the outputs are in place).
    /// </summary>
    public string? OutputProblem(string id, StepManifest manifest, string outputDirectory)
    {
        if (!Directory.Exists(outputDirectory))
        {
            return $"its output folder {outputDirectory} is missing";
        }
        var written = File.GetLastWriteTimeUtc(ManifestCopy(id));
        foreach (var file in manifest.Files)
        {
            var path = Path.Combine(outputDirectory, file.Path.Replace('/', Path.DirectorySeparatorChar));
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                return $"'{file.Path}' is missing";
            }
            if (info.Length != file.Size)
            {
                return $"'{file.Path}' was changed after the step ran ({info.Length} bytes; its manifest says {file.Size})";
            }
            if (info.LastWriteTimeUtc > written && ContentHash.OfFile(path) != file.Blob)
            {
                return $"'{file.Path}' was changed after the step ran (its content no longer hashes to its manifest's blob)";
            }
        }
        return null;
    }
}
