using System.Reflection;
using System.Runtime.InteropServices;

namespace SkillMix.Steps.Report;

/// <summary>The tool and the machine a report was made with, for provenance.json.</summary>
/// <param name="ToolVersion">"skillmix" and its informational version.</param>
/// <param name="Os">The operating system's description.</param>
/// <param name="Architecture">The process architecture (x64, arm64).</param>
/// <param name="Cores">Logical processors available to the process.</param>
/// <param name="Runtime">The .NET runtime's description.</param>
internal sealed record ReportMachine(string ToolVersion, string Os, string Architecture, int Cores, string Runtime)
{
    public static ReportMachine Current() => new(
        "skillmix " + (typeof(ReportMachine).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? typeof(ReportMachine).Assembly.GetName().Version?.ToString() ?? "unknown"),
        RuntimeInformation.OSDescription,
        RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant(),
        Environment.ProcessorCount,
        RuntimeInformation.FrameworkDescription);
}
