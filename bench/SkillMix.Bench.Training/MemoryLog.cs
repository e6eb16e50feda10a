using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace SkillMix.Bench.Training;

/// <summary>Receives the training progress lines (one per step) and notes the time and resident memory at each.</summary>
internal sealed class MemoryLog : TextWriter
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public List<double> Times { get; } = [];

    public List<double> Rss { get; } = [];

    public override Encoding Encoding => Encoding.UTF8;

    public override void WriteLine(string? value)
    {
        if (value?.Contains(" step ", StringComparison.Ordinal) == true && !value.StartsWith("validation", StringComparison.Ordinal))
        {
            Times.Add(_clock.Elapsed.TotalSeconds);
            Rss.Add(RssMb("VmRSS"));
        }
    }

    public static double RssMb(string field)
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith(field + ":", StringComparison.Ordinal));
        return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
    }
}
