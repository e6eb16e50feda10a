using System.Text.Json;
using System.Text.Json.Serialization;

namespace SkillMix.Training.Runtime;

/// <summary>
/// How the training settings and checkpoint configs are written as JSON: camelCase names, enums as strings, indented,
/// and unknown members rejected, so a misspelt setting is an error rather than a silent default.
/// </summary>
public static class ConfigJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>Reads a settings file; errors name the file, the line and the member, and say what to do.</summary>
    public static T Load<T>(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(File.ReadAllText(path), Options)
                ?? throw new InvalidDataException($"{path}: the file holds null; write a JSON object with the settings of {typeof(T).Name}.");
        }
        catch (JsonException e)
        {
            var line = e.LineNumber is { } n ? $" line {n + 1}," : "";
            throw new InvalidDataException(
                $"{path}:{line} {e.Path ?? "$"}: {e.Message} Use only the members of {typeof(T).Name} (docs/training.md lists them).", e);
        }
    }

    /// <summary>Writes through a temporary file in the same folder, then renames, so a reader never sees half a file.</summary>
    public static void Save<T>(string path, T value)
    {
        var temp = path + ".tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(value, Options) + "\n");
        File.Move(temp, path, overwrite: true);
    }
}
