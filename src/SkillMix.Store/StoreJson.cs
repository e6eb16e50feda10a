using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SkillMix.Store;

/// <summary>Strict reading of the store's JSON files: every error names the file and the member that is wrong.</summary>
internal static class StoreJson
{
    public static JsonNode Parse(string text, string source)
    {
        try
        {
            return JsonNode.Parse(text) ?? throw new StoreException($"{source}: the file holds JSON null, not an object.");
        }
        catch (JsonException e)
        {
            throw new StoreException($"{source}: not valid JSON ({e.Message}).", e);
        }
    }

    public static JsonObject Object(JsonNode? node, string source, string what) =>
        node as JsonObject ?? throw new StoreException($"{source}: {what} must be a JSON object.");

    public static JsonArray Array(JsonNode? node, string source, string what) =>
        node as JsonArray ?? throw new StoreException($"{source}: {what} must be a JSON array.");

    public static string String(JsonNode? node, string source, string what) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String
            ? value.GetValue<string>()
            : throw new StoreException($"{source}: {what} must be a string.");

    public static long Long(JsonNode? node, string source, string what) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.Number
            && long.TryParse(value.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new StoreException($"{source}: {what} must be a whole number.");

    public static int Int(JsonNode? node, string source, string what)
    {
        var number = Long(node, source, what);
        return number is >= int.MinValue and <= int.MaxValue
            ? (int)number
            : throw new StoreException($"{source}: {what} is out of range.");
    }

    public static string Hash(JsonNode? node, string source, string what)
    {
        var hash = String(node, source, what);
        return ContentHash.IsValid(hash)
            ? hash
            : throw new StoreException($"{source}: {what} is '{hash}', not a SHA-256 hash (64 lower-case hex digits).");
    }

    public static void RejectUnknown(JsonObject obj, string source, string what, params string[] known)
    {
        var unknown = obj.Select(member => member.Key).FirstOrDefault(name => !known.Contains(name, StringComparer.Ordinal));
        if (unknown is not null)
        {
            throw new StoreException(
                $"{source}: {what} has an unknown member \"{unknown}\" (known: {string.Join(", ", known)}). " +
                "It was written by another version of skillmix or edited by hand.");
        }
    }
}
