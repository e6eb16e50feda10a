using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.AI;
using SkillMix.FakeModelServer;
using SkillMix.Models;
using SkillMix.Models.Backends;
using SkillMix.Models.Cost;
using SkillMix.Models.Store;

// Usage: SkillMix.Bench.Models [calls per scenario, default 1600] [latency ms, default 200] [concurrency, default 32]
//        SkillMix.Bench.Models serve <latency ms>   (the fake server, started by the benchmark as a child process)
// The server runs in its own process so the CPU measured here is the client's alone.

if (args is ["serve", var latencyArg])
{
    await using var server = await FakeServer.StartAsync(new FakeServerOptions
    {
        Latency = TimeSpan.FromMilliseconds(int.Parse(latencyArg, CultureInfo.InvariantCulture)),
        RecordRequests = false,
        MaxRequests = 10_000_000,
        Lifetime = TimeSpan.FromMinutes(15),
    });
    Console.WriteLine(server.BaseAddress);
    // The parent closes stdin when it is done (or dies): then this process ends.
    await Console.In.ReadToEndAsync();
    return 0;
}

var calls = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1600;
var latency = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 200;
var concurrency = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 32;
var bound = concurrency * 1000.0 / latency;

using var child = StartServer(latency);
var address = new Uri((await child.StandardOutput.ReadLineAsync())!);
var storeRoot = Directory.CreateTempSubdirectory("skillmix-bench-calls-");
try
{
    Console.WriteLine($"{DateTime.UtcNow:yyyy-MM-dd} {Environment.ProcessorCount} cores, .NET {Environment.Version}; {calls} calls per scenario, " +
        $"fake server latency {latency} ms in a child process, MaxConcurrency {concurrency}: bound {bound:0} calls/s");
    Console.WriteLine();
    Console.WriteLine("| scenario | calls/s | % of bound | mean ms/call | client CPU ms/call | allocated KB/call |");
    Console.WriteLine("|---|---:|---:|---:|---:|---:|");

    var store = new CallStore(storeRoot.FullName);
    await RunRaw();
    await Run("openai, limits only", Settings(ModelProvider.OpenAI), null, "o");
    await Run("openai, store (live, all misses) + cost + limits", Settings(ModelProvider.OpenAI), store, "s");
    await Run("anthropic, store (live, all misses) + cost + limits", Settings(ModelProvider.Anthropic), store, "a");
    await Run("openai, store replay (all hits)", Settings(ModelProvider.OpenAI), store, "s", CallStoreMode.ReplayOnly);
}
finally
{
    child.StandardInput.Close();
    await child.WaitForExitAsync();
    storeRoot.Delete(recursive: true);
}
return 0;

BackendSettings Settings(ModelProvider provider) => new()
{
    Provider = provider,
    Endpoint = provider == ModelProvider.OpenAI ? new Uri(address, "v1") : address,
    Model = "gpt-4",
    ApiKeyVariable = "BENCH_KEY",
    Limits = new CallLimits { MaxConcurrency = concurrency },
};

async Task Run(string name, BackendSettings settings, CallStore? store, string prefix, CallStoreMode mode = CallStoreMode.Live)
{
    var meter = new CostMeter();
    using var client = ModelPipeline.Build(settings, "Bench", store, mode, store is null ? null : meter, environment: _ => "bench-key");
    var options = new ChatOptions { Temperature = 0.7f, MaxOutputTokens = 512 };
    List<ChatMessage> Ask(int i) => [new(ChatRole.User, $"{prefix} Write one sentence about beekeeping that uses a metaphor. #{i}")];

    // Warm-up: JIT, connection pool, TLS-free sockets; not measured (and not the calls measured below).
    await Parallel.ForEachAsync(Enumerable.Range(-concurrency * 2, concurrency * 2), new ParallelOptions { MaxDegreeOfParallelism = concurrency * 2 },
        async (i, ct) => await client.GetResponseAsync(Ask(i), options, ct));

    await Measure(name, async () => await Parallel.ForEachAsync(Enumerable.Range(0, calls),
        new ParallelOptions { MaxDegreeOfParallelism = concurrency * 2 },
        async (i, ct) => await client.GetResponseAsync(Ask(i), options, ct)), live: mode != CallStoreMode.ReplayOnly);
}

// The floor: the same requests from a bare HttpClient, no SDK and no pipeline; what the machine and server allow.
async Task RunRaw()
{
    using var http = new HttpClient { BaseAddress = address };
    const string body = """{"model":"gpt-4","messages":[{"role":"user","content":"Write one sentence about beekeeping."}]}""";
    async ValueTask Post(int i, CancellationToken ct)
    {
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        using var response = await http.PostAsync("v1/chat/completions", content, ct);
        await response.Content.ReadAsByteArrayAsync(ct);
    }
    await Parallel.ForEachAsync(Enumerable.Range(0, concurrency * 2), new ParallelOptions { MaxDegreeOfParallelism = concurrency }, Post);
    await Measure("bare HttpClient, 32 workers (floor)", async () =>
        await Parallel.ForEachAsync(Enumerable.Range(0, calls), new ParallelOptions { MaxDegreeOfParallelism = concurrency }, Post), live: true);
}

async Task Measure(string name, Func<Task> work, bool live)
{
    var process = Process.GetCurrentProcess();
    process.Refresh();
    var cpu = process.TotalProcessorTime;
    var allocated = GC.GetTotalAllocatedBytes(precise: true);
    var clock = Stopwatch.StartNew();
    await work();
    clock.Stop();
    process.Refresh();
    var cpuPerCall = (process.TotalProcessorTime - cpu).TotalMilliseconds / calls;
    var allocatedPerCall = (GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1024.0 / calls;
    var rate = calls / clock.Elapsed.TotalSeconds;
    // Little's law: with the limit always full, each call took concurrency / rate on average.
    var share = live ? (rate / bound * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "n/a";
    var meanCall = live ? (concurrency / rate * 1000).ToString("0", CultureInfo.InvariantCulture) : "n/a";
    Console.WriteLine($"| {name} | {rate:0.0} | {share} | {meanCall} | {cpuPerCall:0.000} | {allocatedPerCall:0.0} |");
}

static Process StartServer(int latency)
{
    var self = Environment.ProcessPath!;
    var start = Path.GetFileNameWithoutExtension(self) == "dotnet"
        ? new ProcessStartInfo(self) { ArgumentList = { Assembly.GetEntryAssembly()!.Location, "serve", latency.ToString(CultureInfo.InvariantCulture) } }
        : new ProcessStartInfo(self) { ArgumentList = { "serve", latency.ToString(CultureInfo.InvariantCulture) } };
    start.RedirectStandardInput = true;
    start.RedirectStandardOutput = true;
    start.UseShellExecute = false;
    return Process.Start(start) ?? throw new InvalidOperationException("The fake server process did not start.");
}
