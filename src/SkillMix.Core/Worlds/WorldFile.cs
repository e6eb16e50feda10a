using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using SkillMix.Core.Text;

namespace SkillMix.Core.Worlds;

/// <summary>
/// SkillMix's own world format, a JSON file (documented in docs/worlds.md):
/// <c>{ "name", "trainCategories": [...], "topicSplitSeed": n | "trainTopics": [...], "skills": [{ "name", "category",
/// "definition", "example", optional "frequency" }], "topics": [...] }</c>. Exactly one of topicSplitSeed and trainTopics is given. Unknown
/// members, missing members and nulls are errors with the file and line, so a typo never silently changes a world.
/// </summary>
public static partial class WorldFile
{
    public static World Read(string path) => Parse(File.ReadAllText(path), path);

    public static World Parse(string json, string source)
    {
        Document document;
        try
        {
            document = JsonSerializer.Deserialize(json, Json.Default.Document)
                ?? throw new SkillMixDataException(source, 1, "the file holds null instead of a world object.");
        }
        catch (JsonException e)
        {
            throw new SkillMixDataException(source, (int?)e.LineNumber + 1,
                $"{e.Message} A world file has exactly the members name, trainCategories, topicSplitSeed or trainTopics, skills and topics.", e);
        }
        var duplicate = document.Skills.GroupBy(s => s.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1)?.Key;
        if (duplicate is not null)
        {
            throw new SkillMixDataException(source, LastLineOf(json, duplicate),
                $"skill '{duplicate}' appears more than once; skill names must be unique.");
        }
        var duplicateTopic = document.Topics.GroupBy(t => t, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1)?.Key;
        if (duplicateTopic is not null)
        {
            throw new SkillMixDataException(source, LastLineOf(json, duplicateTopic),
                $"topic '{duplicateTopic}' appears more than once; list each topic once.");
        }
        if ((document.TopicSplitSeed is null) == (document.TrainTopics is null))
        {
            throw new SkillMixDataException(source, null,
                "give exactly one of 'topicSplitSeed' (a seeded 50/50 split) and 'trainTopics' (an explicit split).");
        }
        var outOfRange = document.Skills.FirstOrDefault(s => s.Frequency is { } f && !Skill.IsFrequency(f));
        if (outOfRange is not null)
        {
            throw new SkillMixDataException(source, LastLineOf(json, outOfRange.Name),
                $"skill '{outOfRange.Name}' has frequency {outOfRange.Frequency}; a frequency is the skill's occurrence rate, a number from 0 to 1.");
        }
        var skills = document.Skills.Select(s => new Skill(s.Name.Trim(), s.Category.Trim(), s.Definition, s.Example, s.Frequency)).ToList();
        try
        {
            return document.TopicSplitSeed is { } seed
                ? World.Create(document.Name, skills, document.Topics, document.TrainCategories, seed)
                : World.CreateWithTopicSplit(document.Name, skills, document.Topics, document.TrainCategories, document.TrainTopics!);
        }
        catch (ArgumentException e)
        {
            throw new SkillMixDataException(source, null, e.Message, e);
        }
    }

    public static void Write(World world, string path) => AtomicFile.WriteAllText(path, Format(world));

    public static string Format(World world)
    {
        var seeded = world.TopicSplitSeed >= 0;
        var document = new Document(
            world.Name,
            world.TrainCategories,
            world.Skills.Select(s => new SkillEntry(s.Name, s.Category, s.Definition, s.Example, s.Frequency)).ToList(),
            world.Topics,
            seeded ? world.TopicSplitSeed : null,
            seeded ? null : world.TrainTopics);
        return JsonSerializer.Serialize(document, Json.Default.Document) + "\n";
    }

    private static int? LastLineOf(string json, string value)
    {
        var quoted = JsonSerializer.Serialize(value, Json.Default.String);
        var at = json.LastIndexOf(quoted, StringComparison.Ordinal);
        return at < 0 ? null : json.AsSpan(0, at).Count('\n') + 1;
    }

    // The two ways of giving the topic split are optional members; Parse checks that exactly one is present.
    internal sealed record Document(
        string Name,
        IReadOnlyList<string> TrainCategories,
        IReadOnlyList<SkillEntry> Skills,
        IReadOnlyList<string> Topics,
        long? TopicSplitSeed = null,
        IReadOnlyList<string>? TrainTopics = null);

    internal sealed record SkillEntry(string Name, string Category, string Definition, string Example, double? Frequency = null);

    [JsonSourceGenerationOptions(
        PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true)]
    [JsonSerializable(typeof(Document))]
    [JsonSerializable(typeof(string))]
    internal sealed partial class Json : JsonSerializerContext;
}
