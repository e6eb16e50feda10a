using System.Collections.Immutable;
using System.Text.Json.Nodes;

namespace SkillMix.Store;

/// <summary>
/// A step as the store knows it: what runs (its kind and the version of its code), with which settings (only the
/// parameters the step reads) and on what (the keys of its inputs). <see cref="Key"/> is the SHA-256 of the canonical
/// JSON of all of that, so two definitions share a key exactly when they would compute the same outputs.
/// </summary>
/// <remarks>
/// The canonical JSON is <c>{"code":…,"inputs":{…},"kind":…,"parameters":{…},"schema":…}</c> with members in ordinal
/// order and no whitespace (see <see cref="CanonicalJson"/>). Parameter values are any JSON; they are held here in their
/// canonical text, so a definition is immutable and 100, 100.0 and 1e2 are one value.
/// </remarks>
public sealed record StepDefinition
{
    /// <summary>
    /// The version of the key format. Bump it whenever the canonical JSON changes in any way (a member added, renamed or
    /// removed; a different encoding of numbers or strings): every key then changes, so no entry written under the old
    /// format can be restored as if it matched.
    /// </summary>
    /// <remarks>2: step parameters are typed records, each kind's complete (every training setting included).</remarks>
    public const int KeySchemaVersion = 2;

    public StepDefinition(string kind, string codeVersion,
        IEnumerable<KeyValuePair<string, JsonNode?>>? parameters = null,
        IEnumerable<KeyValuePair<string, string>>? inputs = null)
        : this(KeySchemaVersion, kind, codeVersion,
            (parameters ?? []).Select(p => KeyValuePair.Create(p.Key, Store.CanonicalJson.Write(p.Value))),
            inputs ?? [])
    {
    }

    private StepDefinition(int schemaVersion, string kind, string codeVersion,
        IEnumerable<KeyValuePair<string, string>> canonicalParameters, IEnumerable<KeyValuePair<string, string>> inputs)
    {
        if (string.IsNullOrWhiteSpace(kind))
        {
            throw new ArgumentException("A step definition needs a kind (such as \"generate\").", nameof(kind));
        }
        if (string.IsNullOrWhiteSpace(codeVersion))
        {
            throw new ArgumentException($"Step kind '{kind}' needs a code version (such as \"1\").", nameof(codeVersion));
        }
        SchemaVersion = schemaVersion;
        Kind = kind;
        CodeVersion = codeVersion;
        Parameters = ToSortedMap(canonicalParameters, kind, "parameter");
        Inputs = ToSortedMap(inputs, kind, "input");
        foreach (var (name, key) in Inputs)
        {
            if (!ContentHash.IsValid(key))
            {
                throw new ArgumentException(
                    $"Step kind '{kind}': input '{name}' is '{key}', which is not a step key or content hash " +
                    "(64 lower-case hex digits). Pass the upstream step's key, or ContentHash.OfFile for a file.");
            }
        }
        CanonicalJson = Store.CanonicalJson.Write(ToJson());
        Key = ContentHash.Of(CanonicalJson);
    }

    /// <summary><see cref="KeySchemaVersion"/>, unless this definition was read from a file written under another.</summary>
    public int SchemaVersion { get; }

    public string Kind { get; }

    public string CodeVersion { get; }

    /// <summary>Parameter name to the canonical JSON text of its value, in ordinal order of names.</summary>
    public ImmutableSortedDictionary<string, string> Parameters { get; }

    /// <summary>Input name to the key of the step (or hash of the file) it reads, in ordinal order of names.</summary>
    public ImmutableSortedDictionary<string, string> Inputs { get; }

    /// <summary>The exact text that is hashed: UTF-8, no whitespace, members sorted.</summary>
    public string CanonicalJson { get; }

    /// <summary>SHA-256 of <see cref="CanonicalJson"/> as 64 lower-case hex digits.</summary>
    public string Key { get; }

    public StepDefinition WithParameter(string name, JsonNode? value) =>
        new(SchemaVersion, Kind, CodeVersion, Parameters.SetItem(name, Store.CanonicalJson.Write(value)), Inputs);

    public StepDefinition WithInput(string name, string key) =>
        new(SchemaVersion, Kind, CodeVersion, Parameters, Inputs.SetItem(name, key));

    /// <summary>The definition as a JSON object (the form kept in manifests and beside an experiment).</summary>
    public JsonObject ToJson()
    {
        var parameters = new JsonObject();
        foreach (var (name, value) in Parameters)
        {
            parameters[name] = JsonNode.Parse(value);
        }
        var inputs = new JsonObject();
        foreach (var (name, key) in Inputs)
        {
            inputs[name] = key;
        }
        return new JsonObject
        {
            ["code"] = CodeVersion,
            ["inputs"] = inputs,
            ["kind"] = Kind,
            ["parameters"] = parameters,
            ["schema"] = SchemaVersion,
        };
    }

    /// <summary>Reads a definition written by <see cref="ToJson"/>; <paramref name="source"/> names the file in errors.</summary>
    public static StepDefinition FromJson(JsonNode? node, string source)
    {
        var obj = StoreJson.Object(node, source, "the step definition");
        StoreJson.RejectUnknown(obj, source, "the step definition", "code", "inputs", "kind", "parameters", "schema");
        var parameters = StoreJson.Object(obj["parameters"], source, "\"parameters\"")
            .Select(p => KeyValuePair.Create(p.Key, Store.CanonicalJson.Write(p.Value)));
        var inputs = StoreJson.Object(obj["inputs"], source, "\"inputs\"")
            .Select(p => KeyValuePair.Create(p.Key, StoreJson.String(p.Value, source, $"input \"{p.Key}\"")));
        try
        {
            return new StepDefinition(
                StoreJson.Int(obj["schema"], source, "\"schema\""),
                StoreJson.String(obj["kind"], source, "\"kind\""),
                StoreJson.String(obj["code"], source, "\"code\""),
                parameters, inputs);
        }
        catch (ArgumentException e)
        {
            throw new StoreException($"{source}: {e.Message}", e);
        }
    }

    /// <summary>Reads a definition from a file such as an experiment's steps/&lt;name&gt;.json.</summary>
    public static StepDefinition Load(string path)
    {
        var text = AtomicFile.ReadAllText(path);
        return FromJson(StoreJson.Parse(text, path), path);
    }

    /// <summary>Writes the definition to a file atomically, indented, so the next build can say why a step re-runs.</summary>
    public void Save(string path) => AtomicFile.WriteAllText(path, Store.CanonicalJson.WriteIndented(ToJson()), flush: false);

    public bool Equals(StepDefinition? other) => other is not null && Key == other.Key;

    public override int GetHashCode() => Key.GetHashCode(StringComparison.Ordinal);

    public override string ToString() => $"{Kind} {ContentHash.Short(Key)}";

    private static ImmutableSortedDictionary<string, string> ToSortedMap(
        IEnumerable<KeyValuePair<string, string>> pairs, string kind, string what)
    {
        var map = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in pairs)
        {
            if (string.IsNullOrWhiteSpace(name))
            {
                throw new ArgumentException($"Step kind '{kind}' has a {what} with an empty name.");
            }
            if (!map.TryAdd(name, value))
            {
                throw new ArgumentException($"Step kind '{kind}' has the {what} '{name}' twice.");
            }
        }
        return map.ToImmutable();
    }
}
