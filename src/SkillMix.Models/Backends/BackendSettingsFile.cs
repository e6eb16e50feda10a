using System.Text.Json;
using System.Text.Json.Serialization;

namespace SkillMix.Models.Backends;

/// <summary>Reads backend settings from JSON, rejecting unknown members so a typo is an error, not a silent default.</summary>
public static class BackendSettingsFile
{
    internal static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        Converters = { new JsonStringEnumConverter() },
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public static BackendSettings Load(string path)
    {
        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (IOException e)
        {
            throw new BackendSettingsException("(file)", $"cannot read the settings file: {e.Message}", path);
        }
        return Parse(json, path);
    }

    public static BackendSettings Parse(string json, string source)
    {
        BackendSettings? settings;
        try
        {
            settings = JsonSerializer.Deserialize<BackendSettings>(json, Options);
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $"line {line + 1}" : "the document";
            throw new BackendSettingsException(e.Path ?? "$", $"{where}: {e.Message} Fix the value or remove the member", source);
        }
        if (settings is null)
        {
            throw new BackendSettingsException("$", "the file holds null; write an object such as {\"provider\": \"openai\", \"model\": \"gpt-4-0613\"}", source);
        }
        try
        {
            settings.Validate();
        }
        catch (BackendSettingsException e)
        {
            throw new BackendSettingsException(e.Property, e.Message, source);
        }
        return settings;
    }
}
