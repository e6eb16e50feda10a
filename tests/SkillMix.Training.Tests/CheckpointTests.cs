using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using SkillMix.Training.Checkpoints;
using SkillMix.Training.Text;
using SkillMix.Training.Training;
using static TorchSharp.torch;

namespace SkillMix.Training.Tests;

[Collection(TrainedStudentCollection.Name)]
public sealed class CheckpointTests(TrainedStudent trained)
{
    [Fact]
    public void A_checkpoint_round_trip_is_bit_exact()
    {
        var folder = Tiny.TempFolder();
        trained.Student.Save(folder);
        using var loaded = Student.Load(folder);
        var saved = trained.Student.Model.named_parameters().ToArray();
        var restored = loaded.Model.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        Assert.Equal(saved.Select(p => p.name).Order(), restored.Keys.Order());
        foreach (var (name, parameter) in saved)
        {
            Assert.Equal(parameter.bytes.ToArray(), restored[name].bytes.ToArray());
        }
        Assert.Equal(File.ReadAllBytes(Path.Combine(trained.FineTunedFolder, Student.WeightsFile)), File.ReadAllBytes(Path.Combine(folder, Student.WeightsFile)));
        Assert.Empty(Directory.GetFiles(folder, "*.tmp"));
        Assert.Equal(trained.Student.Tokenizer.Kind, loaded.Tokenizer.Kind);
        Assert.Equal(trained.Student.Tokenizer.Pieces, loaded.Tokenizer.Pieces);
    }

    [Fact]
    public void The_weights_file_follows_the_safetensors_layout()
    {
        var bytes = File.ReadAllBytes(Path.Combine(trained.FineTunedFolder, Student.WeightsFile));
        var headerLength = (int)BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        using var header = JsonDocument.Parse(Encoding.UTF8.GetString(bytes, 8, headerLength));
        var wte = header.RootElement.GetProperty("wte.weight");
        Assert.Equal("F32", wte.GetProperty("dtype").GetString());
        var vocab = trained.Student.Tokenizer.VocabSize;
        Assert.Equal([vocab, Tiny.Model.Embedding], wte.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()));
        var offsets = wte.GetProperty("data_offsets").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        Assert.Equal(vocab * Tiny.Model.Embedding * 4, offsets[1] - offsets[0]);
        // The stored floats are the embedding's own values.
        var first = BitConverter.ToSingle(bytes, 8 + headerLength + offsets[0]);
        using var weight = trained.Student.Model.named_parameters().First(p => p.name == "wte.weight").parameter.detach();
        Assert.Equal(weight[0, 0].item<float>(), first);
        Assert.Equal(0, (8 + headerLength) % 8);
        Assert.Equal(CheckpointConfig.CurrentFormat, header.RootElement.GetProperty("__metadata__").GetProperty("format").GetString());
    }

    [Fact]
    public void A_checkpoint_of_the_character_only_format_is_refused_with_retrain_as_the_advice()
    {
        var folder = Tiny.TempFolder();
        trained.Student.Save(folder);
        var config = Path.Combine(folder, Student.ConfigFile);
        // The first format stored the vocabulary as one string of characters.
        File.WriteAllText(config, """{ "format": "skillmix-student/1", "model": { "vocabSize": 30 }, "vocabulary": "abc", "template": "compact" }""");
        var e = Assert.Throws<InvalidDataException>(() => Student.Load(folder));
        Assert.Contains(config, e.Message);
        Assert.Contains("'skillmix-student/1'", e.Message);
        Assert.Contains("retrain", e.Message);
    }

    [Fact]
    public void A_character_student_keeps_its_kind_and_vocabulary_through_a_checkpoint()
    {
        var folder = Tiny.TempFolder();
        StudentTraining.Train(Tiny.Config(2) with { Tokenizer = TokenizerKind.Char }, Tiny.Texts(), folder);
        using var loaded = Student.Load(folder);
        Assert.Equal(TokenizerKind.Char, loaded.Tokenizer.Kind);
        Assert.All(loaded.Tokenizer.Pieces, p => Assert.Single(p));
        var text = Tiny.AnswerFor("bees");
        Assert.Equal(text.Length, loaded.Tokenizer.Encode(text).Length);
    }

    [Fact]
    public void A_truncated_weights_file_is_refused_with_the_file_named()
    {
        var folder = Tiny.TempFolder();
        trained.Student.Save(folder);
        var weights = Path.Combine(folder, Student.WeightsFile);
        var bytes = File.ReadAllBytes(weights);
        File.WriteAllBytes(weights, bytes[..(bytes.Length / 2)]);
        var e = Assert.Throws<InvalidDataException>(() => Student.Load(folder));
        Assert.Contains(weights, e.Message);
        Assert.Contains("data_offsets", e.Message);
    }

    [Fact]
    public void Safetensors_round_trip_keeps_dtype_shape_bytes_and_metadata()
    {
        var path = Path.Combine(Tiny.TempFolder(), "t.safetensors");
        var tensors = new Dictionary<string, SafeTensor>
        {
            ["b"] = new("I64", [2], BitConverter.GetBytes(5L).Concat(BitConverter.GetBytes(-1L)).ToArray()),
            ["a"] = new("BF16", [1, 3], [1, 2, 3, 4, 5, 6]),
        };
        SafeTensors.Write(path, tensors, new Dictionary<string, string> { ["k"] = "v" });
        var (read, metadata) = SafeTensors.Read(path);
        Assert.Equal("v", metadata["k"]);
        Assert.Equal(tensors.Keys.Order(), read.Keys.Order());
        foreach (var (name, tensor) in tensors)
        {
            Assert.Equal(tensor.DType, read[name].DType);
            Assert.Equal(tensor.Shape, read[name].Shape);
            Assert.Equal(tensor.Data, read[name].Data);
        }
    }

    [Fact]
    public void A_tensor_whose_bytes_do_not_fit_its_shape_is_not_written()
    {
        var path = Path.Combine(Tiny.TempFolder(), "t.safetensors");
        var e = Assert.Throws<ArgumentException>(() =>
            SafeTensors.Write(path, new Dictionary<string, SafeTensor> { ["x"] = new("F32", [3], new byte[8]) }));
        Assert.Contains("'x'", e.Message);
        Assert.False(File.Exists(path));
    }
}
