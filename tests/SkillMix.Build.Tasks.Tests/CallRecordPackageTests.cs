using System.Text.Json.Nodes;
using SkillMix.Build.Tasks.Packaging;
using SkillMix.Store;

namespace SkillMix.Build.Tasks.Tests;

/// <summary>
/// Call records in experiment packages: an API grading step lists two calls, an offline step lists none; packing carries
/// exactly the listed records, and importing writes them into a call store after checking each one's hash and key.
/// </summary>
public sealed class CallRecordPackageTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("skillmix-call-package-tests-").FullName;

    private readonly string[] _requests =
    [
        """{"schema":1,"provider":"anthropic","endpoint":"http://127.0.0.1:5000","model":"claude-sonnet-4-5","messages":[{"role":"user","contents":[{"text":"Grade the text \u0022caf\u00E9\u0022."}]}],"options":{"temperature":0.7}}""",
        """{"schema":1,"provider":"anthropic","endpoint":"http://127.0.0.1:5000","model":"claude-sonnet-4-5","messages":[{"role":"user","contents":[{"text":"Grade another text."}]}],"options":{"temperature":0.7}}""",
        """{"schema":1,"provider":"anthropic","endpoint":"http://127.0.0.1:5000","model":"claude-sonnet-4-5","messages":[{"role":"user","contents":[{"text":"A call of another experiment."}]}],"options":{}}""",
    ];

    public CallRecordPackageTests()
    {
        var experiment = Directory.CreateDirectory(Path.Combine(_root, "Exp")).FullName;
        File.WriteAllText(Path.Combine(experiment, "Exp.csproj"), "<Project Sdk=\"SkillMix.Sdk\" />");
        Directory.CreateDirectory(Steps);
        foreach (var request in _requests)
        {
            WriteRecord(ProducerCalls, request, "| Total Points Earned | 8 |");
        }
        // The API step used the first two calls; the offline step used none.
        AddStep("grade2.anthropic.held-out", "grade-samples", "Grader", "anthropic:claude-sonnet-4-5",
            ("gradings.jsonl", "{}\n"), (CallRecordFiles.ListFileName, Key(_requests[1]) + "\n" + Key(_requests[0]) + "\n"));
        AddStep("grade.D1", "grade-generations", "Grader", "offline", ("gradings.jsonl", "{}\n"));
    }

    private string Steps => Path.Combine(_root, "Exp", "obj", "steps");

    private string Staging => Path.Combine(_root, "staging");

    private string ProducerCalls => Path.Combine(_root, "producer-calls");

    private string ConsumerCalls => Path.Combine(_root, "consumer-calls");

    /// <summary>The key is computed here from the compact request text itself, as the call store's key is.</summary>
    private static string Key(string compactRequest) => ContentHash.Of(compactRequest);

    /// <summary>A record as the call store writes it: indented, with its own escaping, key beside request and reply.</summary>
    private static string WriteRecord(string root, string request, string reply)
    {
        var record = new JsonObject
        {
            ["key"] = Key(request),
            ["request"] = JsonNode.Parse(request),
            ["response"] = new JsonObject { ["messages"] = new JsonArray(new JsonObject { ["role"] = "assistant", ["text"] = reply }) },
        };
        var path = Path.Combine(root, CallRecordFiles.RelativePath(Key(request)));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, record.ToJsonString(new System.Text.Json.JsonSerializerOptions
        {
            WriteIndented = true,
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        }));
        return path;
    }

    private void AddStep(string id, string kind, string modelParameter, string model, params (string Path, string Text)[] outputs)
    {
        var folder = Directory.CreateDirectory(Path.Combine(_root, "Exp", "obj", "out", id)).FullName;
        foreach (var (path, text) in outputs)
        {
            File.WriteAllText(Path.Combine(folder, path), text);
        }
        var definition = new StepDefinition(kind, "1", [KeyValuePair.Create(modelParameter, (JsonNode?)JsonValue.Create(model))]);
        StepStore.Open(Path.Combine(_root, "producer-store")).Save(definition, folder).WriteTo(Path.Combine(Steps, id + ".manifest.json"));
        File.WriteAllText(Path.Combine(Steps, id + ".json"), new JsonObject { ["id"] = id, ["outputDirectory"] = folder }.ToJsonString());
    }

    private PackageIndex Pack(params string[] callSteps) => ExperimentPackageWriter.Write(Staging, "Exp",
        Path.Combine(_root, "Exp", "Exp.csproj"), Path.Combine(_root, "Exp", "results"), Steps, [], 4096,
        new CallRecordSelection(ProducerCalls, callSteps));

    private ExperimentPackageReader.ImportResult Import() => ExperimentPackageReader.Import(
        Staging, "Exp 1.0.0", StepStore.Open(Path.Combine(_root, "consumer-store")), Path.Combine(_root, "work"), () => ConsumerCalls);

    private static string Entry(string key) => $"calls/{key[..2]}/{key}.json";

    [Fact]
    public void Packing_carries_exactly_the_records_the_steps_listed_each_with_its_hash()
    {
        var index = Pack("grade2.anthropic.held-out", "grade.D1");
        var calls = index.Files.Where(f => f.Path.StartsWith("calls/", StringComparison.Ordinal)).ToList();
        Assert.Equal(new[] { Entry(Key(_requests[0])), Entry(Key(_requests[1])) }.Order(StringComparer.Ordinal),
            calls.Select(f => f.Path).Order(StringComparer.Ordinal));
        foreach (var file in calls)
        {
            var source = Path.Combine(ProducerCalls, file.Path["calls/".Length..]);
            Assert.Equal(ContentHash.OfFile(source), file.Sha256);
            Assert.Equal(File.ReadAllBytes(source), File.ReadAllBytes(Path.Combine(Staging, file.Path)));
        }
        // The offline step's outputs are not packed (no datasets were asked for) and it contributed no call.
        Assert.DoesNotContain(index.Files, f => f.Path.StartsWith("steps/", StringComparison.Ordinal));
        Assert.DoesNotContain(index.Files, f => f.Path == Entry(Key(_requests[2])));
    }

    [Fact]
    public void Importing_writes_the_records_into_the_call_store_and_leaves_identical_ones_alone()
    {
        Pack("grade2.anthropic.held-out");
        var first = Import();
        Assert.Equal(new[] { Key(_requests[0]), Key(_requests[1]) }.Order(StringComparer.Ordinal), first.Calls.Imported);
        Assert.Empty(first.Calls.AlreadyStored);
        foreach (var request in _requests.Take(2))
        {
            var relative = CallRecordFiles.RelativePath(Key(request));
            Assert.Equal(File.ReadAllBytes(Path.Combine(ProducerCalls, relative)), File.ReadAllBytes(Path.Combine(ConsumerCalls, relative)));
        }
        Assert.False(File.Exists(Path.Combine(ConsumerCalls, CallRecordFiles.RelativePath(Key(_requests[2])))));
        Assert.Empty(Directory.EnumerateFiles(ConsumerCalls, "*.tmp", SearchOption.AllDirectories));

        var again = Import();
        Assert.Empty(again.Calls.Imported);
        Assert.Equal(2, again.Calls.AlreadyStored.Count);
    }

    [Fact]
    public void A_different_local_record_under_the_same_key_is_kept_and_reported()
    {
        Pack("grade2.anthropic.held-out");
        var local = WriteRecord(ConsumerCalls, _requests[0], "| Total Points Earned | 3 |");
        var before = File.ReadAllBytes(local);
        var result = Import();
        Assert.Equal([Key(_requests[0])], result.Calls.KeptLocal);
        Assert.Equal([Key(_requests[1])], result.Calls.Imported);
        Assert.Equal(before, File.ReadAllBytes(local));
    }

    [Fact]
    public void A_record_altered_after_packing_is_refused_by_its_hash_and_nothing_is_written()
    {
        Pack("grade2.anthropic.held-out");
        var entry = Entry(Key(_requests[1]));
        var path = Path.Combine(Staging, entry);
        File.WriteAllText(path, File.ReadAllText(path).Replace("| 8 |", "| 0 |", StringComparison.Ordinal));
        var error = Assert.Throws<PackageIntegrityException>(() => Import());
        Assert.Contains($"Package Exp 1.0.0: skillmix/{entry} does not match its SHA-256", error.Message);
        Assert.False(Directory.Exists(ConsumerCalls));
    }

    [Fact]
    public void A_record_whose_request_does_not_hash_to_its_key_is_refused_even_when_the_index_was_rewritten_to_match()
    {
        var index = Pack("grade2.anthropic.held-out");
        // Another request under the first call's key and name, and an index that agrees with the altered bytes.
        var entry = Entry(Key(_requests[0]));
        var path = Path.Combine(Staging, entry);
        File.WriteAllText(path, File.ReadAllText(path).Replace("Grade the text", "Grade this text", StringComparison.Ordinal));
        var rewritten = index with
        {
            Files = index.Files.Select(f => f.Path == entry ? f with { Size = new FileInfo(path).Length, Sha256 = ContentHash.OfFile(path) } : f).ToList(),
        };
        File.WriteAllText(Path.Combine(Staging, PackageIndex.FileName), rewritten.ToJson());

        var error = Assert.Throws<CallRecordException>(() => Import());
        Assert.Contains($"Package Exp 1.0.0: skillmix/{entry}: the call record's request does not hash to its key", error.Message);
        Assert.False(Directory.Exists(ConsumerCalls));
    }

    [Fact]
    public void A_record_filed_under_another_key_is_refused()
    {
        Pack("grade2.anthropic.held-out");
        var (from, to) = (Entry(Key(_requests[0])), Entry(Key(_requests[2])));
        Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(Staging, to))!);
        File.Move(Path.Combine(Staging, from), Path.Combine(Staging, to));
        var index = PackageIndex.Parse(File.ReadAllText(Path.Combine(Staging, PackageIndex.FileName)), "test");
        File.WriteAllText(Path.Combine(Staging, PackageIndex.FileName),
            (index with { Files = index.Files.Select(f => f.Path == from ? f with { Path = to } : f).ToList() }).ToJson());
        var error = Assert.Throws<CallRecordException>(() => Import());
        Assert.Contains($"skillmix/{to} holds the call record of key {Key(_requests[0])[..12]}", error.Message);
    }

    [Fact]
    public void Packing_an_API_step_that_lists_no_calls_or_a_record_missing_from_the_call_store_is_an_error()
    {
        AddStep("sample.base.held-out", "sample", "Student", "openai:gpt-4o", ("generations.jsonl", "{}\n"));
        var unlisted = Assert.Throws<InvalidOperationException>(() => Pack("sample.base.held-out"));
        Assert.Contains("Step sample.base.held-out calls openai:gpt-4o but lists no call records", unlisted.Message);

        File.Delete(Path.Combine(ProducerCalls, CallRecordFiles.RelativePath(Key(_requests[1]))));
        var missing = Assert.Throws<InvalidOperationException>(() => Pack("grade2.anthropic.held-out"));
        Assert.Contains($"The call record {Key(_requests[1])} that step grade2.anthropic.held-out used is not in the call store {ProducerCalls}", missing.Message);
        Assert.Contains("SKILLMIX_CALLS", missing.Message);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
