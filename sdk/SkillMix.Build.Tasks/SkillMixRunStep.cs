using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace SkillMix.Build.Tasks;

/// <summary>
/// `skillmix step run` on a batch of step files: the CLI restores each step from the store (or the remote cache, metadata
/// RemoteCache, RemoteCachePush and RemoteCacheMaxPackageSize of the CLI item) or runs it, and says which and why.
/// </summary>
public sealed class SkillMixRunStep : SkillMixCliTask
{
    [Required] public ITaskItem[] StepFiles { get; set; } = [];

    /// <summary>The kind of the steps in this batch: the build log (and the tests that read it) says which kind ran.</summary>
    public string? Kind { get; set; }

    protected override void AppendCommand(CommandLineBuilder builder)
    {
        builder.AppendSwitch("step");
        builder.AppendSwitch("run");
        builder.AppendFileNamesIfNotNull(StepFiles, " ");
        var remote = Setting("RemoteCache");
        if (string.IsNullOrWhiteSpace(remote))
        {
            return;
        }
        builder.AppendSwitchIfNotNull("--remote-cache ", remote);
        if (string.Equals(Setting("RemoteCachePush"), "true", StringComparison.OrdinalIgnoreCase))
        {
            builder.AppendSwitch("--remote-cache-push");
        }
        AppendIfSet(builder, "--remote-cache-max-package ", Setting("RemoteCacheMaxPackageSize"));
    }
}
