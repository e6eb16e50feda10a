using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using SkillMix.Training.Checkpoints;
using SkillMix.Training.Sampling;

namespace SkillMix.Cli.Commands;

/// <summary>
/// skillmix student generate: loads a checkpoint and continues one prompt, given as ids or as text (encoded with the
/// folder's tokenizer.model after BOS). Prints the new text, or with --json {"ids": [new ids], "text": new text or null}.
/// </summary>
internal static class StudentGenerateCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model")
        {
            Description = "The checkpoint: a folder, hf:<folder> or hf:<org>/<name> (SkillMixModelsDir, then the Hugging Face cache).",
            Required = true,
        };
        var promptIds = new Option<string?>("--prompt-ids") { Description = "The prompt as comma-separated token ids, e.g. 1,2,3 (BOS included if wanted)." };
        var prompt = new Option<string?>("--prompt") { Description = "The prompt as text; BOS is added and the folder's tokenizer.model encodes it." };
        var maxNew = new Option<int?>("--max-new-tokens") { Description = "At most this many new tokens (default: generation_config.json's max_new_tokens, else 128)." };
        var temperature = new Option<double?>("--temperature") { Description = "0 decodes greedily (default: generation_config.json's when it samples, else 0)." };
        var topP = new Option<double?>("--top-p") { Description = "Nucleus sampling (default: generation_config.json's top_p, else 1)." };
        var seed = new Option<long>("--seed") { Description = "Seed of this request's random stream.", DefaultValueFactory = _ => 1 };
        var device = new Option<string>("--device") { Description = "cpu, cuda or cuda:N.", DefaultValueFactory = _ => "cpu" };
        var dtype = new Option<string>("--dtype") { Description = "fp32, bf16 or fp16: the dtype the weights are cast to.", DefaultValueFactory = _ => "fp32" };
        var json = new Option<bool>("--json") { Description = "Print {\"ids\": [...], \"text\": ...}." };
        var command = new Command("generate", "Continue a prompt with a student checkpoint (batched KV-cached sampler, one request).")
        {
            model, promptIds, prompt, maxNew, temperature, topP, seed, device, dtype, json,
        };
        command.SetAction(parse => StudentCommand.Run(parse, () =>
        {
            if ((parse.GetValue(promptIds) is null) == (parse.GetValue(prompt) is null))
            {
                throw new ArgumentException("Give exactly one of --prompt-ids and --prompt.");
            }
            var modelsDir = Environment.GetEnvironmentVariable("SkillMixModelsDir");
            using var student = HfStudent.Load(parse.GetValue(model)!, parse.GetValue(device)!, parse.GetValue(dtype)!, modelsDir);
            var ids = parse.GetValue(promptIds) is { } list ? ParseIds(list) : Encode(student, parse.GetValue(prompt)!);
            var defaults = student.Checkpoint.Generation;
            var request = new GenerationRequest(
                ids,
                parse.GetValue(maxNew) ?? defaults.MaxNewTokens ?? 128,
                parse.GetValue(temperature) ?? (defaults.DoSample == true ? defaults.Temperature ?? 1.0 : 0),
                parse.GetValue(topP) ?? defaults.TopP ?? 1.0,
                parse.GetValue(seed));
            var generated = student.Generate([request])[0];
            var text = student.Tokenizer?.Decode(generated);
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(json))
            {
                output.WriteLine(JsonSerializer.Serialize(new { ids = generated, text }));
            }
            else
            {
                output.WriteLine(text ?? string.Join(",", generated.Select(i => i.ToString(CultureInfo.InvariantCulture))));
            }
        }));
        return command;
    }

    private static int[] ParseIds(string list) => list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
        .Select(s => int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) ? id
            : throw new FormatException($"--prompt-ids: '{s}' is not a token id; write ids separated by commas, e.g. 1,2,3."))
        .ToArray();

    private static int[] Encode(HfStudent student, string text) => student.Tokenizer is { } tokenizer
        ? [tokenizer.BosId, .. tokenizer.Encode(text)]
        : throw new ArgumentException($"--prompt needs {HfCheckpoint.TokenizerFile} in {student.Checkpoint.Folder}; give --prompt-ids instead, or add the checkpoint's tokenizer.model.");
}
