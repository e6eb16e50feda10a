using System.Diagnostics;

namespace SkillMix.Store.Tests;

public sealed class ConcurrencyTests
{
    [Fact]
    public async Task Parallel_writers_of_one_key_all_succeed_and_leave_one_valid_entry()
    {
        using var folder = new TempFolder();
        var storePath = folder.Sub("store");
        using var gate = new Barrier(4);

        // Dedicated threads: four pool threads blocked on the barrier would wait for the pool to grow.
        var runs = Enumerable.Range(0, 4).Select(i => Task.Factory.StartNew(() =>
        {
            gate.SignalAndWait();
            return RaceWorker.Run(storePath, folder.Path, $"task{i}");
        }, TaskCreationOptions.LongRunning)).ToArray();
        var problems = (await Task.WhenAll(runs)).SelectMany(p => p).ToList();

        Assert.Empty(problems);
        AssertOneValidEntryPerRound(storePath);
    }

    [Fact]
    public async Task Two_processes_saving_and_restoring_one_key_both_succeed()
    {
        using var folder = new TempFolder();
        var storePath = folder.Sub("store");
        var first = StartWriter(storePath, folder.Path, "process1");
        var second = StartWriter(storePath, folder.Path, "process2");
        try
        {
            // Each prints "ready" once it has loaded; then one line on standard input starts both at once.
            Assert.Equal("ready", await first.StandardOutput.ReadLineAsync());
            Assert.Equal("ready", await second.StandardOutput.ReadLineAsync());
            await first.StandardInput.WriteLineAsync("go");
            await second.StandardInput.WriteLineAsync("go");
            first.StandardInput.Close();
            second.StandardInput.Close();

            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            await Task.WhenAll(first.WaitForExitAsync(timeout.Token), second.WaitForExitAsync(timeout.Token));

            Assert.True(first.ExitCode == 0, $"process1 exited {first.ExitCode}: {await first.StandardError.ReadToEndAsync()}");
            Assert.True(second.ExitCode == 0, $"process2 exited {second.ExitCode}: {await second.StandardError.ReadToEndAsync()}");
        }
        finally
        {
            StopIfRunning(first);
            StopIfRunning(second);
        }
        AssertOneValidEntryPerRound(storePath);
    }

    private static void AssertOneValidEntryPerRound(string storePath)
    {
        var store = StepStore.OpenExisting(storePath);
        var entries = store.List();
        Assert.Equal(RaceWorker.Rounds, entries.Count);
        Assert.All(entries, e => Assert.Null(e.Problem));
        Assert.Equal(
            Enumerable.Range(0, RaceWorker.Rounds).Select(r => RaceWorker.Definition(r).Key).Order(),
            entries.Select(e => e.Key).Order());
        var verify = store.Verify();
        Assert.True(verify.Clean, string.Join("\n", verify.Problems));
        Assert.Equal(2 * RaceWorker.Rounds, verify.BlobsChecked);
        Assert.Empty(Directory.EnumerateFiles(storePath, "*.tmp", SearchOption.AllDirectories));
    }

    private static Process StartWriter(string storePath, string work, string writer)
    {
        var assembly = typeof(ConcurrencyTests).Assembly.Location;
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "exec", assembly, "race", storePath, work, writer })
        {
            start.ArgumentList.Add(argument);
        }
        return Process.Start(start) ?? throw new InvalidOperationException($"Could not start {start.FileName}.");
    }

    /// <summary>The dotnet host running these tests, so the helper runs on the same runtime.</summary>
    private static string DotnetHost()
    {
        var current = Environment.ProcessPath;
        if (current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet")
        {
            return current;
        }
        return Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
    }

    private static void StopIfRunning(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }
        process.Dispose();
    }
}
