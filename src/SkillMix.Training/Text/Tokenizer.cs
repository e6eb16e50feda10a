namespace SkillMix.Training.Text;

/// <summary>
/// The student's tokenizer, with a closed vocabulary: the chat markers, an unknown token, then the pieces seen in the
/// training texts. A char tokenizer's pieces are single characters; a word tokenizer's are every character seen (so any
/// text still encodes) and every word seen, alone and with the one space before it. Decoding concatenates pieces, so
/// decode(encode(text)) is the text whenever every character was seen. Markers are never produced by encoding text, so
/// no text can forge a turn.
/// </summary>
public sealed class Tokenizer
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

    private readonly Dictionary<string, int> _ids;

    private Tokenizer(TokenizerKind kind, IReadOnlyList<string> pieces)
    {
        Kind = kind;
        Pieces = pieces;
        _ids = new Dictionary<string, int>(pieces.Count, StringComparer.Ordinal);
        for (var i = 0; i < pieces.Count; i++)
        {
            if (pieces[i].Length == 0 || !_ids.TryAdd(pieces[i], Markers.Count + i))
            {
                throw new InvalidDataException($"The vocabulary lists '{pieces[i]}' twice or an empty piece (token {Markers.Count + i}).");
            }
            if (kind == TokenizerKind.Char && pieces[i].Length != 1)
            {
                throw new InvalidDataException($"A char vocabulary holds single characters, not '{pieces[i]}' (token {Markers.Count + i}).");
            }
        }
    }

    public TokenizerKind Kind { get; }

    /// <summary>The pieces after the markers, in id order (what a checkpoint stores).</summary>
    public IReadOnlyList<string> Pieces { get; }

    public int VocabSize => Markers.Count + Pieces.Count;

    /// <summary>Builds the vocabulary from the given texts: characters first, then words, each in ordinal order.</summary>
    public static Tokenizer Build(IEnumerable<string> texts, TokenizerKind kind = TokenizerKind.Word)
    {
        var characters = new HashSet<char>();
        var words = new HashSet<string>(StringComparer.Ordinal);
        foreach (var text in texts)
        {
            characters.UnionWith(text);
            if (kind == TokenizerKind.Word)
            {
                foreach (var (start, length) in Words(text))
                {
                    words.Add(text.Substring(start, length));
                    if (start > 0 && text[start - 1] == ' ')
                    {
                        words.Add(text.Substring(start - 1, length + 1));
                    }
                }
            }
        }
        var pieces = characters.Order().Select(c => c.ToString())
            .Concat(words.Where(w => w.Length > 1).Order(StringComparer.Ordinal))
            .ToArray();
        return new Tokenizer(kind, pieces);
    }

    /// <summary>Restores a vocabulary stored by a checkpoint.</summary>
    public static Tokenizer FromPieces(TokenizerKind kind, IReadOnlyList<string> pieces) => new(kind, pieces);

    public int[] Encode(string text)
    {
        var ids = new List<int>(Kind == TokenizerKind.Word ? text.Length / 3 + 1 : text.Length);
        var i = 0;
        while (i < text.Length)
        {
            var space = text[i] == ' ' ? 1 : 0;
            var end = i + space;
            while (Kind == TokenizerKind.Word && end < text.Length && IsWordChar(text[end]))
            {
                end++;
            }
            if (end == i + space)
            {
                ids.Add(CharId(text[i]));                      // not a word: one character
                i++;
            }
            else if (_ids.TryGetValue(text[i..end], out var id))
            {
                ids.Add(id);                                   // " word" or "word"
                i = end;
            }
            else if (space == 1 && _ids.TryGetValue(text[(i + 1)..end], out id))
            {
                ids.Add(CharId(' '));                          // the space, then the word
                ids.Add(id);
                i = end;
            }
            else
            {
                for (; i < end; i++)                           // a word never seen: spelt out
                {
                    ids.Add(CharId(text[i]));
                }
            }
        }
        return ids.ToArray();
    }

    /// <summary>Decodes ids to text; markers are left out unless <paramref name="showMarkers"/> is set.</summary>
    public string Decode(IEnumerable<int> ids, bool showMarkers = false)
    {
        var sb = new System.Text.StringBuilder();
        foreach (var id in ids)
        {
            if (id >= Markers.Count && id < VocabSize)
            {
                sb.Append(Pieces[id - Markers.Count]);
            }
            else if (showMarkers && id >= 0 && id < Markers.Count)
            {
                sb.Append(Markers[id]);
            }
        }
        return sb.ToString();
    }

    private int CharId(char c) => _ids.TryGetValue(c.ToString(), out var id) ? id : Unknown;

    private static bool IsWordChar(char c) => char.IsLetter(c) || c == '\'';

    private static IEnumerable<(int Start, int Length)> Words(string text)
    {
        for (var i = 0; i < text.Length;)
        {
            if (!IsWordChar(text[i]))
            {
                i++;
                continue;
            }
            var start = i;
            while (i < text.Length && IsWordChar(text[i]))
            {
                i++;
            }
            yield return (start, i - start);
        }
    }
}
