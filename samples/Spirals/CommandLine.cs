using System;
using System.Globalization;
using System.IO;

namespace GenNN.Samples.Spirals;

/// <summary>The run's command-line options; everything else is fixed so the default run is the verified one.</summary>
/// <param name="Epochs">Passes over the training set.</param>
/// <param name="Seed">Seeds the weights, the data and the shuffles.</param>
/// <param name="WeightsPath">Where to save the trained weights as safetensors, or <see langword="null"/> not to.</param>
internal sealed record CommandLine(int Epochs, long Seed, string? WeightsPath)
{
    public const int DefaultEpochs = 100;

    public const string Usage = """
        Usage: dotnet run --project samples/Spirals -c Release [-- options]

        Options:
          --epochs N   passes over the training set (default 100)
          --seed N     seeds the weights, the data and the shuffles (default 7, SpiralNet's [Network(Seed = 7)])
          --save-weights FILE
                       saves the trained weights as safetensors (samples/NativeAot compiles such a file in)
          --help       show this text
        """;

    /// <summary>
    /// Reads <paramref name="args"/>. Returns <see langword="null"/> with an <paramref name="error"/> for bad input,
    /// and <see langword="null"/> without one when help was asked for.
    /// </summary>
    public static CommandLine? Parse(string[] args, out string? error)
    {
        int epochs = DefaultEpochs;
        long seed = SpiralNet.DefaultSeed;
        string? weightsPath = null;
        error = null;

        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--help" or "-h" or "-?":
                    return null;
                case "--epochs" when i + 1 < args.Length
                    && int.TryParse(args[i + 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out epochs)
                    && epochs > 0:
                    i++;
                    break;
                case "--seed" when i + 1 < args.Length
                    && long.TryParse(args[i + 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out seed):
                    i++;
                    break;
                case "--save-weights" when i + 1 < args.Length:
                    weightsPath = args[++i];
                    error = WeightsPathProblem(weightsPath);
                    if (error is not null)
                    {
                        return null;
                    }

                    break;
                case "--epochs":
                    error = "--epochs needs a positive whole number.";
                    return null;
                case "--seed":
                    error = "--seed needs a whole number.";
                    return null;
                case "--save-weights":
                    error = "--save-weights needs a file name.";
                    return null;
                default:
                    error = $"Unknown argument '{args[i]}'.";
                    return null;
            }
        }

        return new CommandLine(epochs, seed, weightsPath);
    }

    /// <summary>What keeps the weights from being saved at <paramref name="path"/>, checked before training rather than found after it; <see langword="null"/> when nothing does.</summary>
    private static string? WeightsPathProblem(string path)
    {
        string full;
        try
        {
            full = Path.GetFullPath(path);
        }
        catch (ArgumentException)
        {
            return $"--save-weights: '{path}' is not a file name.";
        }

        string? folder = Path.GetDirectoryName(full);
        return folder is null || Path.GetFileName(full).Length == 0 || Directory.Exists(full) ? $"--save-weights: '{path}' is a folder, not a file name."
            : !Directory.Exists(folder) ? $"--save-weights: the folder '{folder}' does not exist."
            : null;
    }
}
