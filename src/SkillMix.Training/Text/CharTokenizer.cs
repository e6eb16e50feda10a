namespace SkillMix.Training.Text;

/// <summary>
/// A character-level tokenizer with a closed vocabulary: the chat markers, an unknown token, then every character seen
/// in the training texts, in ordinal order. Markers are never produced by encoding text, so no text can forge a turn.
/// </summary>
public sealed class CharTokenizer
{
    public const int EndOfText = 0;
    public const int User = 1;
    public const int Assistant = 2;
    public const int System = 3;
    public const int EndOfTurn = 4;
    public const int Unknown = 5;

    /// <summary>How the markers are written in the vocabulary (and in a decoded string, when asked to show them).</summary>
    public static readonly IReadOnlyList<string> Markers =
        ["<|endoftext|>", "<|user|>", "<|assistant|>", "<|system|>", "<|end|>", "<|unk|>"];

    private readonly Dictionary<char, int> _ids;

    private CharTokenizer(IReadOnlyList<char> characters)
    {
        Characters = characters;
        _ids = new Dictionary<char, int>(characters.Count);
        for (var i = 0; i < characters.Count; i++)
        {
            _ids[characters[i]] = Markers.Count + i;
        }
    }

    /// <summary>The characters after the markers, in id order (what a checkpoint stores).</summary>
    public IReadOnlyList<char> Characters { get; }

    public int VocabSize => Markers.Count + Characters.Count;

    /// <summary>Builds the vocabulary from every character of the given texts.</summary>
    public static CharTokenizer Build(IEnumerable<string> texts)
    {
        var seen = new HashSet<char>();
        foreach (var text in texts)
        {
            seen.UnionWith(text);
        }
        return new CharTokenizer(seen.Order().ToArray());
    }

    /// <summary>Restores a vocabulary stored by a checkpoint; the characters must be distinct.</summary>
    public static CharTokenizer FromCharacters(string characters)
    {
        if (characters.Distinct().Count() != characters.Length)
        {
            throw new InvalidDataException("The vocabulary lists a character twice.");
        }
        return new CharTokenizer(characters.ToCharArray());
    }

    public int[] Encode(string text)
    {
        var ids = new int[text.Length];
        for (var i = 0; i < text.Length; i++)
        {
            ids[i] = _ids.TryGetValue(text[i], out var id) ? id : Unknown;
        }
        return ids;
    }

    /// <summary>Decodes ids to text; markers are left out unless <paramref name="showMarkers"/> is set.</summary>
    public string Decode(IEnumerable<int> ids, bool showMarkers = false)
    {
        var sb = new System.Text.StringBuilder();
        foreach (var id in ids)
        {
            if (id >= Markers.Count && id < VocabSize)
            {
                sb.Append(Characters[id - Markers.Count]);
            }
            else if (showMarkers && id >= 0 && id < Markers.Count)
            {
                sb.Append(Markers[id]);
            }
        }
        return sb.ToString();
    }
}
