using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using SkillMix.Store;

namespace SkillMix.Experiments.Parameters;

/// <summary>
/// The parameters of one kind of step: a sealed record per kind, built by the planner and written member by member into
/// the step's definition (so every value the step reads is in its key), read back by the step. Reading is strict: a
/// member the record does not have, or one it needs and the definition lacks, is an error naming the step, never a
/// silent default. Member names are the experiment's property names wherever one sets them.
/// </summary>
public abstract record StepParameters
{
    private static readonly JsonSerializerOptions Json = new()
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectRequiredConstructorParameters = true,
        RespectNullableAnnotations = true,
        // An optional member that is not set stays out of the definition, so adding one keeps the keys of steps without it.
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The members as definition parameters: name to JSON value.</summary>
    public IEnumerable<KeyValuePair<string, JsonNode?>> ToDefinitionParameters() =>
        JsonSerializer.SerializeToNode(this, GetType(), Json)!.AsObject()
            .Select(member => KeyValuePair.Create(member.Key, member.Value?.DeepClone()));

    /// <summary>Reads a step's parameters back from its definition; <paramref name="step"/> names it in errors.</summary>
    public static T Read<T>(StepDefinition definition, string step) where T : StepParameters
    {
        var json = new JsonObject();
        foreach (var (name, value) in definition.Parameters)
        {
            json[name] = JsonNode.Parse(value);
        }
        try
        {
            return json.Deserialize<T>(Json)
                ?? throw new InvalidDataException($"Step '{step}' has no parameters.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException(
                $"Step '{step}': its parameters are not those of a {definition.Kind} step of this SkillMix ({e.Message}). Build the experiment again to re-plan it.", e);
        }
    }
}
