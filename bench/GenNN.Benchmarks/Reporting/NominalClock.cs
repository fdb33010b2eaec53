using System.Globalization;
using System.IO;
using System.Linq;

namespace GenNN.Benchmarks.Reporting;

/// <summary>The CPU clock the kernel reports (<c>cpu MHz</c> in /proc/cpuinfo): the base clock on most virtual machines.</summary>
public static class NominalClock
{
    /// <summary>The first core's clock in GHz, or 0 off Linux.</summary>
    public static double ReadGhz()
    {
        const string Path = "/proc/cpuinfo";
        if (!File.Exists(Path))
        {
            return 0;
        }

        string? line = File.ReadLines(Path).FirstOrDefault(candidate => candidate.StartsWith("cpu MHz", System.StringComparison.Ordinal));
        return line is null ? 0 : double.Parse(line[(line.IndexOf(':') + 1)..], CultureInfo.InvariantCulture) / 1000;
    }
}
