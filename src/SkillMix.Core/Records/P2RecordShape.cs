using System.Globalization;

namespace SkillMix.Core.Records;

/// <summary>
/// One column layout of the records.csv files Skill-Mix's code writes. Its code names the prompt and reply columns of turn i
/// after the chat template's roles, so the same kind of record comes in two spellings: <c>user_i</c> / <c>assistant_i</c>
/// (OpenAI models, and open models served with a chat-message template) and <c>[INST]_i</c> / <c>[/INST]_i</c> (LLaMA-2 and
/// Mistral templates). The <c>system prompt</c> column is written by the published code and absent from older files, so
/// each shape reads with or without it. A shape is recognized from the header alone.
/// </summary>
/// <param name="Name">A short name for messages and notes.</param>
/// <param name="Kind">Generation or graded records.</param>
/// <param name="PromptRole">The role that names the prompt columns: "user" or "[INST]".</param>
/// <param name="ReplyRole">The role that names the reply columns: "assistant" or "[/INST]".</param>
public sealed record P2RecordShape(string Name, P2RecordKind Kind, string PromptRole, string ReplyRole)
{
    /// <summary>The system prompt column; optional in every shape (older files lack it, a few spell it with an underscore).</summary>
    public static readonly IReadOnlyList<string> SystemPromptColumns = ["system prompt", "system_prompt"];

    public static readonly P2RecordShape GptGeneration = new("generation records, GPT-style", P2RecordKind.Generation, "user", "assistant");
    public static readonly P2RecordShape LlamaGeneration = new("generation records, LLaMA-style", P2RecordKind.Generation, "[INST]", "[/INST]");
    public static readonly P2RecordShape GptGraded = new("graded records, GPT-style", P2RecordKind.Graded, "user", "assistant");
    public static readonly P2RecordShape LlamaGraded = new("graded records, LLaMA-style", P2RecordKind.Graded, "[INST]", "[/INST]");

    /// <summary>Every shape Skill-Mix's code writes, in the order they are tried.</summary>
    public static readonly IReadOnlyList<P2RecordShape> Known = [GptGraded, LlamaGraded, GptGeneration, LlamaGeneration];

    /// <summary>The columns a header must have to be of this shape (the system prompt column is optional).</summary>
    public IReadOnlyList<string> RequiredColumns => Kind == P2RecordKind.Generation
        ? ["k", "skills", "topic", Prompt(0), Reply(0), "model_input_0", Text(0)]
        : ["k", "skills", "topic", Prompt(0), Reply(0), "points_0", "true_sentence_lim_pt_0"];

    /// <summary>The prompt column of turn <paramref name="turn"/>: user_i or [INST]_i.</summary>
    public string Prompt(int turn) => Column(PromptRole, turn);

    /// <summary>The reply column of turn <paramref name="turn"/>: assistant_i or [/INST]_i.</summary>
    public string Reply(int turn) => Column(ReplyRole, turn);

    /// <summary>The extracted-text column of turn <paramref name="turn"/> (generation records).</summary>
    public static string Text(int turn) => Column("text", turn);

    /// <summary>The model input column of turn <paramref name="turn"/>.</summary>
    public static string ModelInput(int turn) => Column("model_input", turn);

    /// <summary>One line per known shape, with its columns, for the message that rejects an unknown header.</summary>
    public static string Describe() => string.Join("; ", Known.Select(s =>
        $"{s.Name} ({string.Join(", ", s.RequiredColumns)}{(s.Kind == P2RecordKind.Generation ? ", then the same four per later turn" : "")})"))
        + "; each with or without a 'system prompt' column";

    /// <summary>The shape whose columns the header has, or null when it has none of them.</summary>
    public static P2RecordShape? Match(IEnumerable<string> header)
    {
        var columns = header.Select(h => h.Trim()).ToHashSet(StringComparer.Ordinal);
        return Known.FirstOrDefault(s => s.RequiredColumns.All(columns.Contains));
    }

    /// <summary>The shape of a records.csv from its header; an unknown header is an error naming the file, the line and the known shapes.</summary>
    public static P2RecordShape Recognize(string file, int line, IReadOnlyList<string> header) =>
        Match(header) ?? throw new SkillMixDataException(file, line,
            $"this records.csv has a column layout Skill-Mix's code does not write (header: {Abbreviate(header)}). Known shapes: {Describe()}.");

    private static string Column(string name, int turn) => name + "_" + turn.ToString(CultureInfo.InvariantCulture);

    private static string Abbreviate(IReadOnlyList<string> header)
    {
        var shown = string.Join(", ", header.Take(12).Select(h => $"'{h.Trim()}'"));
        return header.Count > 12 ? shown + $", ... ({header.Count} columns)" : shown;
    }
}
