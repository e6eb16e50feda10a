using Microsoft.Extensions.AI;
using SkillMix.Core.Conversations;
using SkillMix.FakeModelServer;
using SkillMix.Models.Backends;
using SkillMix.Models.Cost;
using SkillMix.Models.Http;
using SkillMix.Models.Store;
using SkillMix.Models.Tests.Support;

namespace SkillMix.Models.Tests;

/// <summary>A planted key must reach the server and nowhere else: not the store, the keys, the logs or the errors.</summary>
public sealed class SecretTests
{
    private const string Secret = "sk-planted-SECRET-5f1e2d3c4b5a";

    [Theory]
    [InlineData(ModelProvider.OpenAI)]
    [InlineData(ModelProvider.Azure)]
    [InlineData(ModelProvider.Anthropic)]
    public async Task A_planted_key_appears_in_no_file_log_line_or_error(ModelProvider provider)
    {
        var root = Directory.CreateTempSubdirectory("skillmix-secret-");
        try
        {
            await using var server = await FakeServer.StartAsync(new FakeServerOptions { RequiredKey = Secret });
            server.Enqueue(FakeFault.TooManyRequests(retryAfterMilliseconds: 10), FakeFault.ServerError(500), FakeFault.Reset());
            var settings = TestBackends.Settings(server, provider);
            var log = new ListLogger();
            var meter = new CostMeter();
            using var client = new ChatClientBuilder(TestBackends.Create(settings, Secret, log))
                .UseCallStore(new CallStore(root.FullName), CallStoreMode.Live, CallIdentity.Of(settings))
                .UseCost(meter, PriceTable.BuiltIn, "Grade", settings.RequestedModel())
                .Build();
            await client.GetResponseAsync(TestBackends.Ask("Sewing"), new ChatOptions { AdditionalProperties = new() { [ChatOptionKeys.Repeat] = 1 } });
            await client.GetResponseAsync(TestBackends.Ask("Knots"));
            using var refused = TestBackends.Create(settings, "sk-wrong-" + Secret, log);
            var error = await Assert.ThrowsAsync<ModelCallException>(() => refused.GetResponseAsync(TestBackends.Ask("Dueling")));

            // The key was really in play: the server saw it on every request, and retries were logged.
            Assert.All(server.Requests.Take(5), r => Assert.Contains(r.Headers.Values, v => v.Contains(Secret, StringComparison.Ordinal)));
            Assert.Equal(3, log.Lines.Count);
            var files = Directory.GetFiles(root.FullName, "*", SearchOption.AllDirectories);
            Assert.Equal(2, files.Length);
            Assert.All(files, file => Assert.DoesNotContain(Secret, File.ReadAllText(file), StringComparison.Ordinal));
            Assert.All(files, file => Assert.DoesNotContain(Secret, file, StringComparison.Ordinal));
            Assert.All(log.Lines, line => Assert.DoesNotContain(Secret, line, StringComparison.Ordinal));
            Assert.DoesNotContain(Secret, error.ToString(), StringComparison.Ordinal);
            Assert.DoesNotContain(Secret, string.Join(";", meter.Steps()), StringComparison.Ordinal);
            Assert.DoesNotContain(Secret, settings.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }
}
