using SkillMix.Core.Checkpoints;
using System.Text;
using SkillMix.Training.Checkpoints;

namespace SkillMix.Training.Text;

/// <summary>
/// A SentencePiece BPE tokenizer (LLaMA-2's and Mistral's tokenizer.model) that gives sentencepiece's own ids. Encoding
/// follows sentencepiece's BPE: normalize (identity; a dummy "▁" prefix; spaces as "▁"), split into characters, then
/// repeatedly merge the adjacent pair whose merged piece has the highest score, the leftmost pair among equal scores
/// (Microsoft.ML.Tokenizers 3.0 merges the rightmost, which differs on runs of repeated characters); a piece outside the
/// vocabulary becomes its UTF-8 bytes (byte fallback). Control pieces (&lt;s&gt;, &lt;/s&gt;) are never produced from text.
/// </summary>
public sealed class SentencePieceTokenizer
{
    private const char Space = '\u2581';

    private readonly SentencePieceModel _model;
    private readonly Dictionary<string, int> _pieces = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly string[] _userDefined;
    private readonly int[] _byteIds = new int[256];

    private SentencePieceTokenizer(SentencePieceModel model)
    {
        _model = model;
        for (var id = 0; id < model.Pieces.Count; id++)
        {
            var (piece, _, type) = model.Pieces[id];
            if (type is SentencePieceModel.PieceType.Normal or SentencePieceModel.PieceType.UserDefined or SentencePieceModel.PieceType.Unused)
            {
                _pieces.TryAdd(piece, id);
            }
            if (type == SentencePieceModel.PieceType.Byte && piece.Length == 6 && piece.StartsWith("<0x", StringComparison.Ordinal))
            {
                _byteIds[Convert.ToByte(piece[3..5], 16)] = id;
            }
        }
        _lookup = _pieces.GetAlternateLookup<ReadOnlySpan<char>>();
        _userDefined = model.Pieces.Where(p => p.Type == SentencePieceModel.PieceType.UserDefined).Select(p => p.Piece)
            .OrderByDescending(p => p.Length).ToArray();
    }

    public int VocabSize => _model.Pieces.Count;

    public int BosId => _model.BosId;

    public int EosId => _model.EosId;

    public int UnkId => _model.UnkId;

    /// <summary>Reads tokenizer.model; a model this encoder cannot reproduce exactly is refused with the reason.</summary>
    public static SentencePieceTokenizer Load(string path)
    {
        SentencePieceModel model;
        try
        {
            model = SentencePieceModel.Parse(File.ReadAllBytes(path));
        }
        catch (Exception e) when (e is InvalidDataException or ArgumentException or IOException)
        {
            throw new CheckpointException(CheckpointException.TokenizerMismatch, $"{path} is not a SentencePiece model ({e.Message}); use the tokenizer.model published with the checkpoint.");
        }
        string? problem = model switch
        {
            { Pieces.Count: 0 } => "it has no pieces",
            { ModelType: not 2 } => $"its model type is {model.ModelType}, not BPE (2)",
            { HasCharsMap: true } or { NormalizerName: not ("identity" or "") } => $"its normalizer is '{model.NormalizerName}', not identity",
            { TreatWhitespaceAsSuffix: true } => "it treats whitespace as a suffix",
            { EscapeWhitespaces: false } => "it does not escape whitespace",
            _ when model.Pieces.Any(p => p.Type == SentencePieceModel.PieceType.Unused) => "it has unused pieces (they need resegmentation)",
            _ => null,
        };
        if (problem is not null)
        {
            throw new CheckpointException(CheckpointException.TokenizerMismatch,
                $"{path}: {problem}. This encoder reproduces LLaMA-2/Mistral-style SentencePiece BPE models (identity normalization) exactly and no other kind.");
        }
        if (model.ByteFallback && Enumerable.Range(0, 256).Any(b => !model.Pieces.Any(p => p.Piece == $"<0x{b:X2}>")))
        {
            throw new CheckpointException(CheckpointException.TokenizerMismatch, $"{path}: byte fallback is on, but not all 256 byte pieces <0x00>..<0xFF> exist.");
        }
        return new SentencePieceTokenizer(model);
    }

    /// <summary>The ids of a text, without BOS or EOS; exactly sentencepiece's EncodeAsIds.</summary>
    public int[] Encode(string text)
    {
        var normalized = Normalize(text);
        if (normalized.Length == 0)
        {
            return [];
        }
        var symbols = Split(normalized);
        Merge(normalized, symbols);
        var ids = new List<int>(symbols.Count);
        var previousUnknown = false;
        for (var i = 0; i != -1; i = symbols[i].Next)
        {
            var piece = normalized.AsSpan(symbols[i].Start, symbols[i].Length);
            if (_lookup.TryGetValue(piece, out var id))
            {
                ids.Add(id);
                previousUnknown = false;
            }
            else if (_model.ByteFallback)
            {
                foreach (var b in Encoding.UTF8.GetBytes(piece.ToArray()))
                {
                    ids.Add(_byteIds[b]);
                }
                previousUnknown = false;
            }
            else if (!previousUnknown)
            {
                // sentencepiece joins a run of unknown pieces into one unknown id.
                ids.Add(UnkId);
                previousUnknown = true;
            }
        }
        return ids.ToArray();
    }

    /// <summary>The text of ids: pieces joined, "▁" as spaces, byte pieces as UTF-8, control ids dropped, the dummy prefix removed.</summary>
    public string Decode(IEnumerable<int> ids)
    {
        var bytes = new List<byte>();
        foreach (var id in ids)
        {
            if (id < 0 || id >= VocabSize)
            {
                throw new ArgumentOutOfRangeException(nameof(ids), $"Token id {id} is outside the vocabulary of {VocabSize}.");
            }
            var (piece, _, type) = _model.Pieces[id];
            switch (type)
            {
                case SentencePieceModel.PieceType.Control:
                    break;
                case SentencePieceModel.PieceType.Byte:
                    bytes.Add(Convert.ToByte(piece[3..5], 16));
                    break;
                case SentencePieceModel.PieceType.Unknown:
                    bytes.AddRange(Encoding.UTF8.GetBytes(" \u2047 "));
                    break;
                default:
                    bytes.AddRange(Encoding.UTF8.GetBytes(piece.Replace(Space, ' ')));
                    break;
            }
        }
        var text = Encoding.UTF8.GetString(bytes.ToArray());
        return _model.AddDummyPrefix && text.StartsWith(' ') ? text[1..] : text;
    }

    // Identity normalization as sentencepiece does it: optionally drop leading, trailing and repeated spaces, prefix "▁",
    // and write every space as "▁".
    private string Normalize(string text)
    {
        var builder = new StringBuilder(text.Length + 1);
        if (_model.RemoveExtraWhitespaces)
        {
            text = text.Trim(' ');
        }
        if (text.Length == 0)
        {
            return "";
        }
        if (_model.AddDummyPrefix)
        {
            builder.Append(Space);
        }
        var previousSpace = _model.AddDummyPrefix;
        foreach (var c in text)
        {
            if (c == ' ' && _model.RemoveExtraWhitespaces && previousSpace)
            {
                continue;
            }
            builder.Append(c == ' ' ? Space : c);
            previousSpace = c == ' ';
        }
        return builder.ToString();
    }

    private record struct Symbol(int Start, int Length, int Previous, int Next, bool Frozen);

    // One symbol per character (a surrogate pair is one character), or per user-defined piece, which never merges.
    private List<Symbol> Split(string normalized)
    {
        var symbols = new List<Symbol>();
        for (var at = 0; at < normalized.Length;)
        {
            var user = _userDefined.FirstOrDefault(u => normalized.AsSpan(at).StartsWith(u, StringComparison.Ordinal));
            var length = user?.Length ?? (char.IsHighSurrogate(normalized[at]) && at + 1 < normalized.Length ? 2 : 1);
            symbols.Add(new Symbol(at, length, symbols.Count - 1, at + length < normalized.Length ? symbols.Count + 1 : -1, user is not null));
            at += length;
        }
        return symbols;
    }

    // The BPE merge loop: the best pair first, by score, then by leftmost position; a pair whose symbols changed since
    // it was queued is skipped.
    private void Merge(string normalized, List<Symbol> symbols)
    {
        var agenda = new PriorityQueue<(int Left, int Right, int Length), (float Score, int Left)>(
            Comparer<(float Score, int Left)>.Create((a, b) => a.Score != b.Score ? b.Score.CompareTo(a.Score) : a.Left.CompareTo(b.Left)));
        void Consider(int left, int right)
        {
            if (left < 0 || right < 0 || symbols[left].Frozen || symbols[right].Frozen)
            {
                return;
            }
            var length = symbols[left].Length + symbols[right].Length;
            if (_lookup.TryGetValue(normalized.AsSpan(symbols[left].Start, length), out var id))
            {
                agenda.Enqueue((left, right, length), (_model.Pieces[id].Score, left));
            }
        }
        for (var i = 1; i < symbols.Count; i++)
        {
            Consider(i - 1, i);
        }
        while (agenda.TryDequeue(out var pair, out _))
        {
            var (left, right) = (symbols[pair.Left], symbols[pair.Right]);
            if (left.Length == 0 || right.Length == 0 || left.Length + right.Length != pair.Length || left.Next != pair.Right)
            {
                continue;
            }
            symbols[pair.Left] = left with { Length = pair.Length, Next = right.Next };
            if (right.Next >= 0)
            {
                symbols[right.Next] = symbols[right.Next] with { Previous = pair.Left };
            }
            symbols[pair.Right] = right with { Length = 0 };
            Consider(symbols[pair.Left].Previous, pair.Left);
            Consider(pair.Left, symbols[pair.Left].Next);
        }
    }
}
