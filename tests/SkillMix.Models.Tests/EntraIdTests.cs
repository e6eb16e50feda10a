using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Azure.Core;
using SkillMix.FakeModelServer;
using SkillMix.Models.Backends;
using SkillMix.Models.Tests.Support;

namespace SkillMix.Models.Tests;

/// <summary>Azure with Entra ID: the token goes out as a bearer header over HTTPS, and no key variable is read.</summary>
public sealed class EntraIdTests
{
    private const string Token = "entra-token-for-tests";

    [Theory]
    [InlineData(null)]
    [InlineData("v1")]
    public async Task A_token_credential_is_sent_as_bearer_and_needs_no_key(string? apiVersion)
    {
        using var certificate = SelfSigned();
        await using var server = await FakeServer.StartAsync(new FakeServerOptions { Certificate = certificate, RequiredKey = Token });
        var credential = new FixedCredential();
        var settings = TestBackends.Settings(server, ModelProvider.Azure, "grader") with
        {
            AzureAuthentication = AzureAuthentication.EntraId,
            ApiVersion = apiVersion,
        };
        var transport = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, presented, _, _) => presented?.GetCertHashString() == certificate.GetCertHashString(),
            },
        };
        using var client = ChatBackend.Create(settings, _ => null, transport: transport, azureCredential: credential);

        var response = await client.GetResponseAsync(TestBackends.Ask("hello"));

        Assert.Equal("Answer: hello", response.Text);
        var request = Assert.Single(server.Requests);
        Assert.Equal("Bearer " + Token, request.Headers["authorization"]);
        Assert.Equal(["https://cognitiveservices.azure.com/.default"], credential.Scopes);
        Assert.StartsWith("https://", server.BaseAddress.ToString(), StringComparison.Ordinal);
    }

    private static X509Certificate2 SelfSigned()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
        // Kestrel needs the private key in a form it can use on Linux: round-trip through PKCS#12.
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
    }

    private sealed class FixedCredential : TokenCredential
    {
        public IReadOnlyList<string> Scopes { get; private set; } = [];

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            Scopes = requestContext.Scopes;
            return new AccessToken(Token, DateTimeOffset.UtcNow.AddHours(1));
        }

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }
}
