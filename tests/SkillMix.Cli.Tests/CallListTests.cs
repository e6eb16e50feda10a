using Microsoft.Extensions.AI;
using SkillMix.Steps.ChatModels;
using SkillMix.Experiments.Planning;
using SkillMix.FakeModelServer;
using SkillMix.Models;
using SkillMix.Models.Cost;
using SkillMix.Models.Store;
using SkillMix.Store;
using Variables = SkillMix.Cli.Tests.BudgetAndPreflightTests.Variables;

namespace SkillMix.Cli.Tests;

/// <summary>
/// A step of an API model lists the call records it used (calls.txt), the same whether it called the model or replayed
/// the calls; a step of a local model lists none; and every record the call store writes passes the package check.
/// </summary>
[Collection(ProcessEnvironment.Name)]
public sealed class CallListTests
{
    [Fact]
    public async Task An_API_step_lists_the_records_it_made_and_the_same_ones_when_it_replays_them()
    {
        using var experiment = new PlannedExperiment(("Teacher", "openai:gpt-4"));
        var calls = Path.Combine(experiment.Root, "calls");
        var outputs = StepFile.Load(experiment.StepFile("generate.D1")).OutputDirectory;
        string live;
        string endpoint;
        await using (var server = await FakeServer.StartAsync())
        {
            endpoint = server.OpenAIEndpoint.ToString();
            using var environment = new Variables(("OPENAI_API_KEY", "sk-test-not-real"), ("OPENAI_BASE_URL", server.OpenAIEndpoint.ToString()),
                ("SKILLMIX_CALLS", calls), ("SKILLMIX_CALL_MODE", null));
            var (exit, output, _) = await CliRunner.RunAsync("step", "run", experiment.StepFile("generate.D1"), "--store", experiment.Store);
            Assert.True(exit == 0, output);
            Assert.Equal(10, server.RequestCount);
            live = File.ReadAllText(Path.Combine(outputs, CallRecordFiles.ListFileName));
        }
        // 5 combinations x 2 turns, every one a different request; each one is a record in the call store, under its key.
        var records = Directory.GetFiles(Path.Combine(calls, "calls"), "*.json", SearchOption.AllDirectories);
        Assert.Equal(10, records.Length);
        Assert.Equal(string.Concat(records.Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal).Select(k => k + "\n")), live);
        Assert.All(records, r => Assert.Equal(Path.GetFileNameWithoutExtension(r), CallRecordFiles.CheckedKey(File.ReadAllBytes(r), r)));

        // Again into an empty step store, replay only, with no key and the server gone (a call's key names its endpoint,
        // so the address stays): the same list, from store hits.
        File.Delete(Path.Combine(experiment.StepsDirectory, "generate.D1.manifest.json"));
        using (new Variables(("OPENAI_API_KEY", null), ("OPENAI_BASE_URL", endpoint), ("SKILLMIX_CALLS", calls), ("SKILLMIX_CALL_MODE", "replay")))
        {
            var (exit, output, _) = await CliRunner.RunAsync("step", "run", experiment.StepFile("generate.D1"), "--store", Path.Combine(experiment.Root, "store2"));
            Assert.True(exit == 0, output);
        }
        Assert.Equal(live, File.ReadAllText(Path.Combine(outputs, CallRecordFiles.ListFileName)));
    }

    [Fact]
    public async Task A_step_of_the_offline_teacher_lists_no_calls()
    {
        using var experiment = new PlannedExperiment();
        var (exit, output, _) = await CliRunner.RunAsync("step", "run", experiment.StepFile("generate.D1"), "--store", experiment.Store);
        Assert.True(exit == 0, output);
        var outputs = StepFile.Load(experiment.StepFile("generate.D1")).OutputDirectory;
        Assert.True(File.Exists(Path.Combine(outputs, "generations.jsonl")));
        Assert.False(File.Exists(Path.Combine(outputs, CallRecordFiles.ListFileName)));
    }

    [Fact]
    public async Task Records_of_any_text_pass_the_package_check_and_the_backend_lists_them()
    {
        var root = Directory.CreateTempSubdirectory("skillmix-call-list-").FullName;
        try
        {
            var store = new CallStore(Path.Combine(root, "calls"));
            var client = new CallStoreChatClient(new ReplyClient(), store, CallStoreMode.Live, new CallIdentity("openai", new Uri("http://127.0.0.1:5000/v1"), "gpt-4"));
            string[] texts = ["Café \"crème\" <b>&</b> naïve, 東京, emoji 🙂", "tab\tnewline\n'quote' \\ back+slash", "plain"];
            foreach (var text in texts)
            {
                var options = new ChatOptions { Temperature = 0.7f, MaxOutputTokens = 300, Seed = 3, AdditionalProperties = new() { ["skillmix.repeat"] = 2 } };
                await client.GetResponseAsync([new ChatMessage(ChatRole.System, "Grade <fairly>."), new ChatMessage(ChatRole.User, text)], options);
            }
            var files = Directory.GetFiles(store.Root, "*.json", SearchOption.AllDirectories);
            Assert.Equal(3, files.Length);
            Assert.All(files, f => Assert.Equal(Path.GetFileNameWithoutExtension(f), CallRecordFiles.CheckedKey(File.ReadAllBytes(f), f)));

            var listed = Path.Combine(root, "api");
            Directory.CreateDirectory(listed);
            using (var backend = new Backend(new ChatClientBuilder(client).UseCost(new CostMeter(), PriceTable.BuiltIn, "s", "gpt-4").Build(), new ChatOptions(), 1, new CostMeter()))
            {
                backend.ListCalls(listed);
            }
            Assert.Equal(files.Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal), CallRecordFiles.ReadList(Path.Combine(listed, CallRecordFiles.ListFileName)));

            var local = Path.Combine(root, "local");
            Directory.CreateDirectory(local);
            using (var backend = new Backend(new ReplyClient(), new ChatOptions(), 1, new CostMeter()))
            {
                backend.ListCalls(local);
            }
            Assert.Empty(Directory.GetFiles(local));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>A model that answers every request with the same text.</summary>
    private sealed class ReplyClient : IChatClient
    {
        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "| Total Points Earned | 2 |")));

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException("The tests do not stream.");

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
