using System.Text;

namespace SkillMix.Training.Text;

/// <summary>
/// The parts of a SentencePiece tokenizer.model (a ModelProto protocol buffer) that encoding needs: the pieces with
/// their scores and types, the trainer's model type, special ids and byte fallback, and the normalizer's settings.
/// Field numbers are those of sentencepiece_model.proto.
/// </summary>
internal sealed record SentencePieceModel
{
    public enum PieceType { Normal = 1, Unknown = 2, Control = 3, UserDefined = 4, Unused = 5, Byte = 6 }

    public required IReadOnlyList<(string Piece, float Score, PieceType Type)> Pieces { get; init; }

    /// <summary>1 unigram, 2 BPE, 3 word, 4 char.</summary>
    public int ModelType { get; init; } = 1;

    public bool ByteFallback { get; init; }

    public bool TreatWhitespaceAsSuffix { get; init; }

    public int UnkId { get; init; }

    public int BosId { get; init; } = 1;

    public int EosId { get; init; } = 2;

    public string NormalizerName { get; init; } = "";

    public bool HasCharsMap { get; init; }

    public bool AddDummyPrefix { get; init; } = true;

    public bool RemoveExtraWhitespaces { get; init; } = true;

    public bool EscapeWhitespaces { get; init; } = true;

    public static SentencePieceModel Parse(ReadOnlySpan<byte> bytes)
    {
        var pieces = new List<(string, float, PieceType)>();
        var model = new SentencePieceModel { Pieces = pieces };
        var reader = new Reader(bytes);
        while (reader.Next(out var field, out var wire))
        {
            switch (field, wire)
            {
                case (1, 2):
                    pieces.Add(ParsePiece(reader.Bytes()));
                    break;
                case (2, 2):
                    model = ParseTrainer(reader.Bytes(), model);
                    break;
                case (3, 2):
                    model = ParseNormalizer(reader.Bytes(), model);
                    break;
                default:
                    reader.Skip(wire);
                    break;
            }
        }
        return model;
    }

    private static (string, float, PieceType) ParsePiece(ReadOnlySpan<byte> bytes)
    {
        var (piece, score, type) = ("", 0f, PieceType.Normal);
        var reader = new Reader(bytes);
        while (reader.Next(out var field, out var wire))
        {
            switch (field, wire)
            {
                case (1, 2): piece = Encoding.UTF8.GetString(reader.Bytes()); break;
                case (2, 5): score = reader.Float(); break;
                case (3, 0): type = (PieceType)reader.Varint(); break;
                default: reader.Skip(wire); break;
            }
        }
        return (piece, score, type);
    }

    private static SentencePieceModel ParseTrainer(ReadOnlySpan<byte> bytes, SentencePieceModel model)
    {
        var reader = new Reader(bytes);
        while (reader.Next(out var field, out var wire))
        {
            model = (field, wire) switch
            {
                (3, 0) => model with { ModelType = (int)reader.Varint() },
                (24, 0) => model with { TreatWhitespaceAsSuffix = reader.Varint() != 0 },
                (35, 0) => model with { ByteFallback = reader.Varint() != 0 },
                (40, 0) => model with { UnkId = (int)reader.Varint() },
                (41, 0) => model with { BosId = (int)reader.Varint() },
                (42, 0) => model with { EosId = (int)reader.Varint() },
                _ => reader.SkipAnd(wire, model),
            };
        }
        return model;
    }

    private static SentencePieceModel ParseNormalizer(ReadOnlySpan<byte> bytes, SentencePieceModel model)
    {
        var reader = new Reader(bytes);
        while (reader.Next(out var field, out var wire))
        {
            model = (field, wire) switch
            {
                (1, 2) => model with { NormalizerName = Encoding.UTF8.GetString(reader.Bytes()) },
                (2, 2) => model with { HasCharsMap = reader.Bytes().Length > 0 },
                (3, 0) => model with { AddDummyPrefix = reader.Varint() != 0 },
                (4, 0) => model with { RemoveExtraWhitespaces = reader.Varint() != 0 },
                (5, 0) => model with { EscapeWhitespaces = reader.Varint() != 0 },
                _ => reader.SkipAnd(wire, model),
            };
        }
        return model;
    }

    // A protocol buffer reader for the wire types a ModelProto uses: varint (0), 64-bit (1), length-delimited (2), 32-bit (5).
    private ref struct Reader(ReadOnlySpan<byte> bytes)
    {
        private readonly ReadOnlySpan<byte> _bytes = bytes;
        private int _at;

        public bool Next(out int field, out int wire)
        {
            if (_at >= _bytes.Length)
            {
                (field, wire) = (0, 0);
                return false;
            }
            var key = Varint();
            (field, wire) = ((int)(key >> 3), (int)(key & 7));
            return true;
        }

        public ulong Varint()
        {
            ulong value = 0;
            for (var shift = 0; ; shift += 7)
            {
                if (_at >= _bytes.Length || shift > 63)
                {
                    throw new InvalidDataException("a varint runs past the end of the data");
                }
                var b = _bytes[_at++];
                value |= (ulong)(b & 0x7f) << shift;
                if (b < 0x80)
                {
                    return value;
                }
            }
        }

        public ReadOnlySpan<byte> Bytes()
        {
            var length = (int)Varint();
            if (length < 0 || _at + length > _bytes.Length)
            {
                throw new InvalidDataException("a length-delimited field runs past the end of the data");
            }
            var slice = _bytes.Slice(_at, length);
            _at += length;
            return slice;
        }

        public float Float()
        {
            var value = BitConverter.ToSingle(_bytes.Slice(_at, 4));
            _at += 4;
            return value;
        }

        public void Skip(int wire)
        {
            switch (wire)
            {
                case 0: Varint(); break;
                case 1: _at += 8; break;
                case 2: Bytes(); break;
                case 5: _at += 4; break;
                default: throw new InvalidDataException($"wire type {wire} is not used by a SentencePiece model");
            }
        }

        public T SkipAnd<T>(int wire, T value)
        {
            Skip(wire);
            return value;
        }
    }
}
