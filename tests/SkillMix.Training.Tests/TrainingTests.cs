using Microsoft.Extensions.AI;
using SkillMix.Core.Sampling;
using SkillMix.Training.Text;
using SkillMix.Training.Training;
using static TorchSharp.torch;

namespace SkillMix.Training.Tests;

[Collection(TrainedStudentCollection.Name)]
public sealed class TrainingTests(TrainedStudent trained)
{
    [Fact]
    public void Pretraining_starts_near_uniform_and_overfits_the_tiny_corpus()
    {
        var losses = trained.PretrainReport.Losses;
        var vocab = trained.Student.Tokenizer.VocabSize;
        // GPT-2-style init predicts almost uniformly at first: the loss is close to ln(vocabulary).
        Assert.True(Math.Abs(losses[0] - Math.Log(vocab)) < 0.5, $"first loss {losses[0]:F3}, ln(vocabulary) {Math.Log(vocab):F3}");
        Assert.True(losses.TakeLast(5).Average() < 0.9, $"pretraining loss ended at {losses[^1]:F3}");
    }

    [Fact]
    public void Fine_tuning_overfits_the_tiny_conversations()
    {
        var losses = trained.FineTuneReport.Losses;
        Assert.True(losses.TakeLast(5).Average() < 0.15, $"fine-tuning loss ended at {losses[^1]:F3}");
    }

    [Fact]
    public void Two_runs_with_one_seed_give_identical_losses_and_another_seed_does_not()
    {
        var config = Tiny.Config(15);
        var a = StudentTraining.Train(config, Tiny.Texts(), Tiny.TempFolder());
        var b = StudentTraining.Train(config, Tiny.Texts(), Tiny.TempFolder());
        var c = StudentTraining.Train(config with { Seed = 11 }, Tiny.Texts(), Tiny.TempFolder());
        Assert.Equal(a.Losses, b.Losses);
        Assert.Equal(a.StudentId, b.StudentId);
        Assert.NotEqual(a.Losses, c.Losses);
    }

    [Fact]
    public void Fp32_training_learns_and_repeats_exactly()
    {
        var config = Tiny.Config(30) with { Precision = TrainingPrecision.Fp32 };
        var a = StudentTraining.Train(config, Tiny.Texts(), Tiny.TempFolder());
        var b = StudentTraining.Train(config, Tiny.Texts(), Tiny.TempFolder());
        Assert.Equal(a.Losses, b.Losses);
        Assert.True(a.Losses.TakeLast(5).Average() < a.Losses[0] - 1.0, $"fp32 loss went from {a.Losses[0]:F3} to {a.Losses[^1]:F3}");
    }

    [Fact]
    public void Only_answer_tokens_and_their_end_markers_are_targets()
    {
        var tokenizer = trained.Student.Tokenizer;
        var encoded = ChatTemplate.EncodeConversation(tokenizer, Tiny.Chat("knots"), ChatTemplateKind.Compact);
        var batches = new Batches([], [encoded], blockSize: 96);
        var (_, y) = batches.Next(new SeededRandom(1), rows: 1, mixRows: 0, CPU);
        var targets = y.data<long>().ToArray();
        var learned = targets.Where(t => t != Batches.Ignore).Select(t => (int)t).ToArray();
        var expected = tokenizer.Encode(Tiny.AnswerFor("knots")).Append(Tokenizer.EndOfTurn)
            .Concat(tokenizer.Encode("knots!")).Append(Tokenizer.EndOfTurn);
        Assert.Equal(expected, learned);
    }

    [Fact]
    public void Prompt_positions_get_no_gradient_and_answer_positions_do()
    {
        var tokenizer = trained.Student.Tokenizer;
        var (tokens, learn) = ChatTemplate.EncodeConversation(tokenizer, Tiny.Chat("bees"), ChatTemplateKind.Compact);
        var (x, y) = new Batches([], [(tokens, learn)], 96).Next(new SeededRandom(1), 1, 0, CPU);
        var logits = trained.Student.Model.forward(x).detach().requires_grad_(true);  // (1, T, V)
        var loss = nn.functional.cross_entropy(logits.view(-1, logits.shape[2]), y.view(-1), ignore_index: Batches.Ignore);
        loss.backward();
        var gradient = logits.grad!.abs().sum(2).squeeze(0).data<float>().ToArray();  // (T)
        for (var t = 0; t < gradient.Length; t++)
        {
            // Position t predicts token t + 1; it must carry gradient exactly when that token is learned.
            Assert.Equal(learn[t + 1], gradient[t] > 0);
        }
    }

    [Fact]
    public void Fine_tuning_without_a_base_checkpoint_is_refused_with_the_reason()
    {
        var e = Assert.Throws<ArgumentException>(() => StudentTraining.Train(Tiny.Config(1), Tiny.Chats(), Tiny.TempFolder()));
        Assert.Contains("base checkpoint", e.Message);
    }

    [Fact]
    public void Progress_lines_follow_the_interval_and_name_step_loss_rate_and_eta()
    {
        var log = new StringWriter();
        StudentTraining.Train(Tiny.Config(12) with { ProgressSeconds = 3600, EvalEvery = 6 }, Tiny.Texts(), Tiny.TempFolder(), log: log);
        var lines = log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var steps = lines.Where(l => l.StartsWith("SkillMix: pretrain: ", StringComparison.Ordinal) && l.Contains(" steps, loss ", StringComparison.Ordinal)).ToArray();
        // A one-hour interval leaves the first and the last step only.
        Assert.Equal(2, steps.Length);
        Assert.StartsWith("SkillMix: pretrain: 1/12 steps, loss ", steps[0]);
        Assert.StartsWith("SkillMix: pretrain: 12/12 steps, loss ", steps[1]);
        Assert.All(steps, l => Assert.Matches(@"\d+\.\d tokens/s, elapsed \d\d:\d\d, about \d\d:\d\d left$", l.TrimEnd('\r')));
        Assert.Equal(2, lines.Count(l => l.StartsWith("SkillMix: pretrain: validation step", StringComparison.Ordinal)));
    }

    [Fact]
    public void Requesting_cuda_without_cuda_fails_with_a_clear_error()
    {
        var e = Assert.Throws<InvalidOperationException>(() =>
            StudentTraining.Train(Tiny.Config(1) with { Device = "cuda" }, Tiny.Texts(), Tiny.TempFolder()));
        Assert.Contains("CUDA is not available", e.Message);
        Assert.Contains("SkillMixTorchDevice=cuda", e.Message);
    }

    [Fact]
    public void Conversations_render_with_role_markers_in_order()
    {
        var tokenizer = trained.Student.Tokenizer;
        var (tokens, _) = ChatTemplate.EncodeConversation(tokenizer, Tiny.Chat("duels"), ChatTemplateKind.Compact);
        Assert.Equal(
            "<|user|>topic: duels<|end|><|assistant|>Answer: duels are fun.<|end|><|user|>shorter<|end|><|assistant|>duels!<|end|><|endoftext|>",
            tokenizer.Decode(tokens, showMarkers: true));
        var prompt = ChatTemplate.EncodePrompt(tokenizer, [new ChatMessage(ChatRole.User, "topic: duels")], ChatTemplateKind.Compact);
        Assert.Equal("<|user|>topic: duels<|end|><|assistant|>", tokenizer.Decode(prompt, showMarkers: true));
    }
}
