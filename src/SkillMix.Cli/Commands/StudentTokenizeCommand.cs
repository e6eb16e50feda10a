using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using SkillMix.Training.Text;

namespace SkillMix.Cli.Commands;

/// <summary>skillmix student tokenize: a text's ids under a SentencePiece tokenizer.model (no BOS), as sentencepiece gives them.</summary>
internal static class StudentTokenizeCommand
{
    public static Command Create()
    {
        var tokenizer = new Option<FileInfo>("--tokenizer") { Description = "A SentencePiece BPE tokenizer.model (LLaMA-2, Mistral).", Required = true };
        var text = new Option<string>("--text") { Description = "The text to encode.", Required = true };
        var json = new Option<bool>("--json") { Description = "Print {\"ids\": [...]}." };
        var command = new Command("tokenize", "Encode a text with a tokenizer.model; no BOS is added.") { tokenizer, text, json };
        command.SetAction(parse => StudentCommand.Run(parse, () =>
        {
            var file = parse.GetValue(tokenizer)!;
            if (!file.Exists)
            {
                throw new IOException($"--tokenizer: {file.FullName} does not exist.");
            }
            var ids = SentencePieceTokenizer.Load(file.FullName).Encode(parse.GetValue(text)!);
            parse.InvocationConfiguration.Output.WriteLine(parse.GetValue(json)
                ? JsonSerializer.Serialize(new { ids })
                : string.Join(",", ids.Select(i => i.ToString(CultureInfo.InvariantCulture))));
        }));
        return command;
    }
}
