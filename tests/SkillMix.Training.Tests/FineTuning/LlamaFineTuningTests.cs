using SkillMix.Core.Checkpoints;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using SkillMix.Training.Checkpoints;
using SkillMix.Training.Sampling;
using SkillMix.Training.Text;
using SkillMix.Training.Training;
using SkillMix.Training.Training.Lora;
using SkillMix.Training.Training.Memory;
using static TorchSharp.torch;

namespace SkillMix.Training.Tests.FineTuning;

/// <summary>
/// The LLaMA fine-tune end to end on CPU: a tiny random LLaMA with a real SentencePiece tokenizer, and the real
/// stories260K, trained a few steps, written in Hugging Face's or PEFT's layout, loaded back and sampled.
/// </summary>
[Collection(GlobalRandomState.Name)]
public sealed class LlamaFineTuningTests
{
    private static readonly string[][] Dialogs =
    [
        ["Name a color of the sky.", "The sky is blue.", "And at night?", "At night it is dark."],
        ["What do bees make?", "Bees make honey.", "Where do they live?", "They live in a hive."],
        ["Say hello.", "Hello there!", "Say goodbye.", "Goodbye, friend."],
        ["Count to three.", "One, two, three.", "Now backwards.", "Three, two, one."],
        ["What is ice?", "Ice is frozen water.", "Is it cold?", "Yes, it is cold."],
        ["Name a fruit.", "An apple is a fruit.", "Another one?", "A pear."],
    ];

    private static readonly LlamaFineTuningConfig Small = new()
    {
        Steps = 8, BatchSize = 4, MicroBatch = 2, LearningRate = 3e-3, WarmupSteps = 2, MaxLength = 160, ProgressSeconds = 0,
    };

    private static (string Folder, LlamaTrainingSet Data) TinyBase()
    {
        var config = RandomLlama.LlamaConfig();
        config["vocab_size"] = 420;                                          // llama-bpe.model's pieces
        config["max_position_embeddings"] = 256;
        var folder = RandomLlama.Write(config, "F32").Folder;
        File.Copy(SentencePieceTests.Fixture("llama-bpe.model"), Path.Combine(folder, HfCheckpoint.TokenizerFile));
        var tokenizer = SentencePieceTokenizer.Load(Path.Combine(folder, HfCheckpoint.TokenizerFile));
        var conversations = Dialogs.Select(d => new Conversation(d.Select((text, i) => new ConversationTurn(i % 2 == 0 ? ChatRole.User : ChatRole.Assistant, text)).ToArray()));
        return (folder, LlamaTrainingSet.Encode(InstructFormat.Llama2Chat, tokenizer, conversations, [], "dialogs"));
    }

    private static string Out() => Path.Combine(Tiny.TempFolder(), "tuned");

    /// <summary>Mean loss over the answers' tokens (and EOS) of every conversation, as training counts it.</summary>
    private static double AnswerLoss(HfStudent student, LlamaTrainingSet data)
    {
        using var _ = no_grad();
        using var scope = NewDisposeScope();
        double sum = 0;
        var count = 0;
        foreach (var chat in data.Chats)
        {
            var x = tensor(chat.Ids[..^1].Select(i => (long)i).ToArray(), [1, chat.Ids.Length - 1]);
            var y = tensor(chat.Ids[1..].Select((id, j) => chat.Loss[j + 1] ? (long)id : -100L).ToArray(), [1, chat.Ids.Length - 1]);
            var logits = student.Model.forward(x).to(float32);
            sum += nn.functional.cross_entropy(logits.view(-1, logits.shape[2]), y.view(-1), ignore_index: -100, reduction: nn.Reduction.Sum).item<float>();
            count += chat.Loss.Skip(1).Count(l => l);
        }
        return sum / count;
    }

    private static Dictionary<string, Tensor> Weights(string folder) => SafeTensorsRead(Directory.GetFiles(folder, "*.safetensors"));

    private static Dictionary<string, Tensor> SafeTensorsRead(IEnumerable<string> files)
    {
        var all = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            foreach (var (name, stored) in SafeTensors.Read(file).Tensors)
            {
                var t = zeros(stored.Shape, TensorBytes.TypeOf(stored.DType, name, file));
                TensorBytes.CopyInto(t, stored, name, file);
                all[name] = t;
            }
        }
        return all;
    }

    [Fact]
    public void A_full_fine_tune_writes_a_hugging_face_folder_whose_answer_loss_fell_and_which_samples()
    {
        var (folder, data) = TinyBase();
        var output = Out();
        var log = new StringWriter();
        var report = LlamaFineTuning.Train(Small, folder, data, output, log);

        Assert.True(File.Exists(Path.Combine(output, "config.json")));
        Assert.True(File.Exists(Path.Combine(output, HfCheckpoint.TokenizerFile)));
        var keys = Weights(output).Keys.ToHashSet();
        Assert.Contains("model.layers.0.self_attn.q_proj.weight", keys);
        Assert.Contains("model.embed_tokens.weight", keys);
        Assert.DoesNotContain(keys, k => k.Contains("lora", StringComparison.Ordinal));
        var csv = File.ReadAllLines(output + LlamaFineTuning.LossCsvSuffix);
        Assert.Equal("step,loss,lr,tokens", csv[0]);
        Assert.Equal(Small.Steps + 1, csv.Length);
        Assert.Contains("step 8/8 loss", log.ToString(), StringComparison.Ordinal);
        Assert.Contains("tokens/s", log.ToString(), StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(Path.GetDirectoryName(output)!, ".tuned.training")));

        using var before = HfStudent.Load(folder);
        using var after = HfStudent.Load(output);
        var (lossBefore, lossAfter) = (AnswerLoss(before, data), AnswerLoss(after, data));
        Assert.True(lossAfter < lossBefore - 0.5, $"answer loss {lossBefore} -> {lossAfter}");
        Assert.Equal(report.Losses.Count, Small.Steps);
        var prompt = InstructEncoding.Encode(InstructFormat.Llama2Chat, after.Tokenizer!, [new ConversationTurn(ChatRole.User, Dialogs[1][0])]);
        var sampled = after.Generate([new GenerationRequest(prompt.Ids, 8, 0, 1, 1)])[0];
        Assert.NotEmpty(sampled);
    }

    [Fact]
    public void A_lora_fine_tune_writes_a_peft_adapter_that_loads_over_its_base_and_merges_on_request()
    {
        var (folder, data) = TinyBase();
        var output = Out();
        var lora = new LoraConfig { Rank = 4, Alpha = 8, Dropout = 0.1, TargetModules = ["q_proj", "v_proj"] };
        var config = Small with { Lora = lora, LearningRate = 3e-2 };
        var report = LlamaFineTuning.Train(config, folder, data, output);

        var keys = Weights(output).Keys.Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(3 * 2 * 2, keys.Length);                                 // 3 layers x (q, v) x (A, B)
        Assert.Contains("base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight", keys);
        Assert.Contains("base_model.model.model.layers.2.self_attn.v_proj.lora_B.weight", keys);
        var adapterConfig = JsonNode.Parse(File.ReadAllText(Path.Combine(output, PeftAdapter.ConfigFile)))!;
        Assert.Equal(Path.GetFullPath(folder), (string)adapterConfig["base_model_name_or_path"]!);
        Assert.Equal(4, (int)adapterConfig["r"]!);
        Assert.Equal(3 * 2 * (4 * 24 + 24 * 4), report.TrainedParameters);

        using var before = HfStudent.Load(folder);
        using var adapted = HfStudent.Load("hf:" + output);                  // the adapter folder stands for base + adapter
        using var explicitly = HfStudent.Load(folder, adapter: output);
        var lossAfter = AnswerLoss(adapted, data);
        Assert.True(lossAfter < AnswerLoss(before, data) - 0.3, $"answer loss {AnswerLoss(before, data)} -> {lossAfter}");
        Assert.Equal(lossAfter, AnswerLoss(explicitly, data), 6);
        var prompt = InstructEncoding.Encode(InstructFormat.Llama2Chat, adapted.Tokenizer!, [new ConversationTurn(ChatRole.User, Dialogs[0][0])]);
        Assert.NotEmpty(adapted.Generate([new GenerationRequest(prompt.Ids, 6, 0.8, 1, 3)])[0]);

        var merged = Out();
        LlamaFineTuning.Train(config with { MergeLora = true }, folder, data, merged);
        Assert.DoesNotContain(Weights(merged).Keys, k => k.Contains("lora", StringComparison.Ordinal));
        using var mergedStudent = HfStudent.Load(merged);
        Assert.Equal(lossAfter, AnswerLoss(mergedStudent, data), 4);
    }

    private sealed class StopAt(CancellationTokenSource source, int step) : StringWriter
    {
        public override void WriteLine(string? value)
        {
            base.WriteLine(value);
            if (value?.StartsWith($"step {step}/", StringComparison.Ordinal) == true)
            {
                source.Cancel();
            }
        }
    }

    public static TheoryData<bool, MemoryMode, bool> ResumeCases => new()
    {
        { false, MemoryMode.Fp32, false },
        { true, MemoryMode.Bf16MasterFp32, false },
        { false, MemoryMode.PureBf16, true },
    };

    [Theory]
    [MemberData(nameof(ResumeCases))]
    public void An_interrupted_run_resumed_ends_bit_identical_to_an_uninterrupted_one(bool useLora, MemoryMode precision, bool checkpointing)
    {
        var (folder, data) = TinyBase();
        var config = Small with
        {
            Lora = useLora ? new LoraConfig { Rank = 2, Dropout = 0.2, TargetModules = ["q_proj", "down_proj"] } : null,
            Precision = precision, CheckpointActivations = checkpointing, SaveEvery = 0,
        };
        var straight = Out();
        LlamaFineTuning.Train(config, folder, data, straight);

        var resumed = Out();
        using var stop = new CancellationTokenSource();
        Assert.Throws<OperationCanceledException>(() => LlamaFineTuning.Train(config, folder, data, resumed, new StopAt(stop, 3), stop.Token));
        Assert.False(Directory.Exists(resumed));
        manual_seed(12345);                                                   // clobber the random state the run left
        var report = LlamaFineTuning.Train(config, folder, data, resumed);
        Assert.Equal(3, report.ResumedFrom);
        Assert.Equal(config.Steps - 3, report.Losses.Count);

        var (a, b) = (Weights(straight), Weights(resumed));
        Assert.Equal(a.Keys.Order(), b.Keys.Order());
        Assert.All(a, kv => Assert.True(Bitwise.Same(kv.Value, b[kv.Key]), kv.Key));
        Assert.Equal(File.ReadAllLines(straight + LlamaFineTuning.LossCsvSuffix), File.ReadAllLines(resumed + LlamaFineTuning.LossCsvSuffix));
    }

    [Fact]
    public void A_saved_state_from_other_settings_is_refused_naming_the_difference()
    {
        var (folder, data) = TinyBase();
        var output = Out();
        using var stop = new CancellationTokenSource();
        Assert.Throws<OperationCanceledException>(() => LlamaFineTuning.Train(Small, folder, data, output, new StopAt(stop, 2), stop.Token));
        var e = Assert.Throws<CheckpointException>(() => LlamaFineTuning.Train(Small with { LearningRate = 1e-3 }, folder, data, output));
        Assert.Equal(CheckpointException.ResumeMismatch, e.Code);
        Assert.Contains("LearningRate 0.003 -> 0.001", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Activation_checkpointing_changes_no_bit_of_the_result(bool useLora)
    {
        var (folder, data) = TinyBase();
        var config = Small with { Steps = 3, Lora = useLora ? new LoraConfig { Rank = 2, Dropout = 0.3 } : null };
        var (plain, checkpointed) = (Out(), Out());
        LlamaFineTuning.Train(config, folder, data, plain);
        LlamaFineTuning.Train(config with { CheckpointActivations = true }, folder, data, checkpointed);
        var (a, b) = (Weights(plain), Weights(checkpointed));
        Assert.All(a, kv => Assert.True(Bitwise.Same(kv.Value, b[kv.Key]), kv.Key));
    }

    [Fact]
    public void The_batch_loss_does_not_depend_on_the_micro_batch()
    {
        var (folder, data) = TinyBase();
        var one = LlamaFineTuning.Train(Small with { Steps = 2, MicroBatch = 1 }, folder, data, Out());
        var four = LlamaFineTuning.Train(Small with { Steps = 2, MicroBatch = 4 }, folder, data, Out());
        Assert.Equal(one.Losses[0], four.Losses[0], 5);
        Assert.Equal(one.Losses[1], four.Losses[1], 4);
    }

    [Fact]
    public void Targets_are_the_next_tokens_of_both_answers_and_their_eos_and_nothing_else()
    {
        var tokenizer = SentencePieceTokenizer.Load(SentencePieceTests.Fixture("llama-bpe.model"));
        var turns = Dialogs[0].Select((text, i) => new ConversationTurn(i % 2 == 0 ? ChatRole.User : ChatRole.Assistant, text)).ToArray();
        var chat = InstructEncoding.Encode(InstructFormat.Llama2Chat, tokenizer, turns);
        var shorter = InstructEncoding.Encode(InstructFormat.Llama2Chat, tokenizer, turns[..2]);
        using var scope = NewDisposeScope();
        var (x, y) = LlamaFineTuning.Tensors([chat, shorter], CPU);
        Assert.Equal(new long[] { 2, chat.Ids.Length - 1 }, x.shape);
        var (xs, ys) = (x.data<long>().ToArray(), y.data<long>().ToArray());
        var t = chat.Ids.Length - 1;
        // Row 0: input t is token t, target t is token t + 1 where it is an answer token or an answer's EOS.
        Assert.Equal(chat.Ids[..^1].Select(i => (long)i), xs[..t]);
        var expected = chat.Ids[1..].Select((id, j) => chat.Loss[j + 1] ? (long)id : -100L).ToArray();
        Assert.Equal(expected, ys[..t]);
        var answers = turns.Where(turn => turn.Role == ChatRole.Assistant).Select(turn => tokenizer.Encode(turn.Text.Trim()).Length).Sum();
        Assert.InRange(expected.Count(v => v != -100), answers + 2, answers + 4);  // each answer, its trailing space piece if any, EOS
        Assert.Equal(2, expected.Count(v => v == tokenizer.EosId));
        Assert.Equal(tokenizer.EosId, expected[^1]);
        // Row 1 is shorter: padded, and the padding learns nothing.
        var s = shorter.Ids.Length - 1;
        Assert.Equal(shorter.Ids[1..].Select((id, j) => shorter.Loss[j + 1] ? (long)id : -100L), ys[t..(t + s)]);
        Assert.All(ys[(t + s)..], v => Assert.Equal(-100L, v));
    }

    [Fact]
    public void The_schedule_warms_up_linearly_then_stays_constant()
    {
        var config = new LlamaFineTuningConfig();
        Assert.Equal(2e-5 / 64, LlamaFineTuning.LearningRate(config, 1), 12);
        Assert.Equal(2e-5 * 32 / 64, LlamaFineTuning.LearningRate(config, 32), 12);
        Assert.Equal(2e-5, LlamaFineTuning.LearningRate(config, 64), 12);
        Assert.Equal(2e-5, LlamaFineTuning.LearningRate(config, 5000), 12);
    }

    [Fact]
    public void Bad_settings_and_data_are_refused_with_their_codes_and_names()
    {
        var (folder, data) = TinyBase();
        CheckpointException Refused(LlamaFineTuningConfig config, LlamaTrainingSet? set = null) =>
            Assert.Throws<CheckpointException>(() => LlamaFineTuning.Train(config, folder, set ?? data, Out()));

        var rank0 = Refused(Small with { Lora = new LoraConfig { Rank = 0 } });
        Assert.Equal(CheckpointException.InvalidTrainingSetting, rank0.Code);
        Assert.Contains("Rank", rank0.Message, StringComparison.Ordinal);
        var tooLarge = Refused(Small with { Lora = new LoraConfig { Rank = 25 } });
        Assert.Contains("larger than", tooLarge.Message, StringComparison.Ordinal);
        var unknown = Refused(Small with { Lora = new LoraConfig { TargetModules = ["qkv"] } });
        Assert.Contains("'qkv'", unknown.Message, StringComparison.Ordinal);
        Assert.Contains("MicroBatch", Refused(Small with { MicroBatch = 5 }).Message, StringComparison.Ordinal);
        Assert.Contains("PretrainMixRatio", Refused(Small with { PretrainMixRatio = 0.25 }).Message, StringComparison.Ordinal);
        var longest = data.Chats.Max(c => c.Ids.Length);
        var tooLong = Refused(Small with { MaxLength = longest - 1 });
        Assert.Equal(CheckpointException.TooLong, tooLong.Code);
        Assert.Contains("dialogs: conversation", tooLong.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Pretraining_text_is_mixed_in_by_the_ratio_and_trains()
    {
        var (folder, data) = TinyBase();
        var tokenizer = SentencePieceTokenizer.Load(Path.Combine(folder, HfCheckpoint.TokenizerFile));
        var mixed = data with { Text = [.. Enumerable.Range(0, 40).SelectMany(i => tokenizer.Encode($"Once upon a time there was a bee number {i}."))] };
        var report = LlamaFineTuning.Train(Small with { PretrainMixRatio = 0.5 }, folder, mixed, Out());
        Assert.True(report.Losses[^1] < report.Losses[0], string.Join(", ", report.Losses));
    }

    [Fact]
    public void The_real_stories260K_fine_tunes_with_lora_and_samples_back()
    {
        // No tokenizer ships with the fixture: conversations are given as ids (BOS, a prompt, an answer, EOS).
        var greedy = Stories260KTests.ExpectedGreedy();
        var chats = Enumerable.Range(0, 4).Select(i =>
        {
            int[] ids = [1, .. greedy[(i * 10)..(i * 10 + 6)], .. greedy[(100 + i * 7)..(100 + i * 7 + 5)], 2];
            return new EncodedChat(ids, ids.Select((_, j) => j >= 7).ToArray());
        }).ToArray();
        var data = new LlamaTrainingSet(chats, []);
        var output = Out();
        var config = Small with { Lora = new LoraConfig { Rank = 4, TargetModules = LoraConfig.AllLlamaProjections }, LearningRate = 1e-2, Steps = 10 };
        var report = LlamaFineTuning.Train(config, Stories260KTests.Folder, data, output);
        Assert.True(report.Losses[^1] < report.Losses[0] * 0.7, string.Join(", ", report.Losses));
        using var student = HfStudent.Load(output);
        var sampled = student.Generate([new GenerationRequest(chats[0].Ids[..7], 5, 0, 1, 1)])[0];
        Assert.Equal(chats[0].Ids[7..12], sampled);
    }
}
