using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SkillMix.Store;

/// <summary>
/// The one JSON encoding the store hashes and writes: object members in ordinal order, strings escaped only where JSON
/// requires it (quote, backslash, control characters; everything else as UTF-8), numbers by value (an integral number is
/// written as digits, any other as the shortest round-trip form with a lower-case exponent). Two nodes that mean the same
/// thing encode to the same text, whatever produced them; the encoding is pinned by tests because keys depend on it.
/// </summary>
internal static class CanonicalJson
{
    // 2^53: every integer below it is exact in a double, so 1.0 and 1 mean the same number.
    private const double ExactIntegerLimit = 9007199254740992d;

    /// <summary>The compact form, no whitespace: what keys are hashed from.</summary>
    public static string Write(JsonNode? node)
    {
        var text = new StringBuilder();
        Append(text, node, indent: null);
        return text.ToString();
    }

    /// <summary>The same members and values, indented by two spaces, for files people read (manifests).</summary>
    public static string WriteIndented(JsonNode? node)
    {
        var text = new StringBuilder();
        Append(text, node, indent: 0);
        return text.Append('\n').ToString();
    }

    public static string Number(string jsonNumber)
    {
        if (long.TryParse(jsonNumber, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return integer.ToString(CultureInfo.InvariantCulture);
        }
        var value = double.Parse(jsonNumber, NumberStyles.Float, CultureInfo.InvariantCulture);
        if (!double.IsFinite(value))
        {
            throw new ArgumentException($"The number {jsonNumber} is out of range for JSON.");
        }
        if (value == Math.Floor(value) && Math.Abs(value) < ExactIntegerLimit)
        {
            return ((long)value).ToString(CultureInfo.InvariantCulture);
        }
        var shortest = value.ToString("R", CultureInfo.InvariantCulture);
        var e = shortest.IndexOf('E');
        if (e < 0)
        {
            return shortest;
        }
        var exponent = int.Parse(shortest[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        return $"{shortest[..e]}e{exponent.ToString(CultureInfo.InvariantCulture)}";
    }

    private static void Append(StringBuilder text, JsonNode? node, int? indent)
    {
        switch (node)
        {
            case null:
                text.Append("null");
                break;
            case JsonObject obj:
                AppendObject(text, obj, indent);
                break;
            case JsonArray array:
                AppendArray(text, array, indent);
                break;
            case JsonValue value:
                AppendValue(text, value);
                break;
            default:
                throw new ArgumentException($"Unexpected JSON node {node.GetType().Name}.");
        }
    }

    private static void AppendObject(StringBuilder text, JsonObject obj, int? indent)
    {
        if (obj.Count == 0)
        {
            text.Append("{}");
            return;
        }
        text.Append('{');
        var first = true;
        foreach (var (name, value) in obj.OrderBy(member => member.Key, StringComparer.Ordinal))
        {
            text.Append(first ? "" : ",");
            first = false;
            NewLine(text, indent + 1);
            AppendString(text, name);
            text.Append(indent is null ? ":" : ": ");
            Append(text, value, indent + 1);
        }
        NewLine(text, indent);
        text.Append('}');
    }

    private static void AppendArray(StringBuilder text, JsonArray array, int? indent)
    {
        if (array.Count == 0)
        {
            text.Append("[]");
            return;
        }
        text.Append('[');
        for (var i = 0; i < array.Count; i++)
        {
            text.Append(i == 0 ? "" : ",");
            NewLine(text, indent + 1);
            Append(text, array[i], indent + 1);
        }
        NewLine(text, indent);
        text.Append(']');
    }

    private static void NewLine(StringBuilder text, int? indent)
    {
        if (indent is { } depth)
        {
            text.Append('\n').Append(' ', 2 * depth);
        }
    }

    private static void AppendValue(StringBuilder text, JsonValue value)
    {
        switch (value.GetValueKind())
        {
            case JsonValueKind.String:
                AppendString(text, value.GetValue<string>());
                break;
            case JsonValueKind.Number:
                text.Append(Number(value.ToJsonString()));
                break;
            case JsonValueKind.True:
                text.Append("true");
                break;
            case JsonValueKind.False:
                text.Append("false");
                break;
            default:
                text.Append("null");
                break;
        }
    }

    private static void AppendString(StringBuilder text, string value)
    {
        text.Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\b': text.Append("\\b"); break;
                case '\f': text.Append("\\f"); break;
                case '\n': text.Append("\\n"); break;
                case '\r': text.Append("\\r"); break;
                case '\t': text.Append("\\t"); break;
                case < ' ':
                    text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
                default:
                    // A lone surrogate has no UTF-8 form; letting the encoder replace it would make two texts one key.
                    if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                    {
                        text.Append(c).Append(value[++i]);
                    }
                    else if (char.IsSurrogate(c))
                    {
                        throw new ArgumentException($"The text \"{value}\" is not valid Unicode (an unpaired surrogate).");
                    }
                    else
                    {
                        text.Append(c);
                    }
                    break;
            }
        }
        text.Append('"');
    }
}
