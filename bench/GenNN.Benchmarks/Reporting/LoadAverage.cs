using System.IO;

namespace GenNN.Benchmarks.Reporting;

/// <summary>The machine's load (Linux <c>/proc/loadavg</c>): other processes competing for the 2 cores skew every timing.</summary>
public static class LoadAverage
{
    /// <summary>The 1-, 5- and 15-minute load averages as the kernel prints them, or "unknown" off Linux.</summary>
    public static string Read()
    {
        const string Path = "/proc/loadavg";
        if (!File.Exists(Path))
        {
            return "unknown";
        }

        string[] fields = File.ReadAllText(Path).Split(' ');
        return $"{fields[0]} / {fields[1]} / {fields[2]} (1 / 5 / 15 min)";
    }
}
