using System.Text.Json;
using System.Text.Json.Nodes;
using SkillMix.Experiments.Parameters;
using SkillMix.Store;

namespace SkillMix.Experiments.Planning;

/// <summary>
/// What the planner hands to `skillmix step run`: the step's definition and key, where each input's outputs are, and where
/// this step's outputs go, and the <see cref="Context"/> that locates things on this machine (the world's files, the
/// project) without entering the key. The MSBuild target that runs the step takes this file as its Input, and the planner rewrites it
/// only when its content changes, so its time stamp moves exactly when the step must be looked at again.
/// </summary>
public sealed record StepFile(
    string Id,
    StepDefinition Definition,
    IReadOnlyDictionary<string, StepInput> Inputs,
    string OutputDirectory,
    string Experiment,
    JsonObject Context)
{
    public string Key => Definition.Key;

    public string Kind => Definition.Kind;

    /// <summary>The step's parameters, read strictly from its definition as the record of its kind.</summary>
    public T Parameters<T>() where T : StepParameters => StepParameters.Read<T>(Definition, Id);

    public StepInput Input(string name) => Inputs.TryGetValue(name, out var input)
        ? input
        : throw new InvalidDataException($"Step '{Id}' has no input '{name}'.");

    public string ToJsonText()
    {
        var inputs = new JsonObject();
        foreach (var (name, input) in Inputs.OrderBy(i => i.Key, StringComparer.Ordinal))
        {
            inputs[name] = new JsonObject { ["step"] = input.Step, ["key"] = input.Key, ["directory"] = input.Directory };
        }
        var json = new JsonObject
        {
            ["id"] = Id,
            ["key"] = Key,
            ["experiment"] = Experiment,
            ["context"] = Context.DeepClone(),
            ["outputDirectory"] = OutputDirectory,
            ["inputs"] = inputs,
            ["definition"] = Definition.ToJson(),
        };
        return json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    public static StepFile Load(string path)
    {
        JsonObject json;
        try
        {
            json = JsonNode.Parse(File.ReadAllText(path))?.AsObject()
                ?? throw new InvalidDataException($"{path}: the step file is empty.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}({e.LineNumber + 1},{e.BytePositionInLine + 1}): the step file is not valid JSON: {e.Message}", e);
        }
        string Text(string member) => json[member]?.GetValue<string>()
            ?? throw new InvalidDataException($"{path}: the step file has no \"{member}\".");
        var definition = StepDefinition.FromJson(json["definition"], path);
        var inputs = new Dictionary<string, StepInput>(StringComparer.Ordinal);
        foreach (var (name, node) in json["inputs"]?.AsObject() ?? [])
        {
            inputs[name] = new StepInput(node!["step"]!.GetValue<string>(), node["key"]!.GetValue<string>(), node["directory"]!.GetValue<string>());
        }
        var context = json["context"]?.AsObject().DeepClone().AsObject() ?? [];
        var file = new StepFile(Text("id"), definition, inputs, Text("outputDirectory"), Text("experiment"), context);
        if (file.Key != Text("key"))
        {
            throw new InvalidDataException($"{path}: the recorded key does not match the definition; the file was edited by hand. Build the experiment again to re-plan it.");
        }
        return file;
    }
}
