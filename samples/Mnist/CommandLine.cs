using System;
using System.Globalization;

namespace GenNN.Samples.Mnist;

/// <summary>The run's command-line options.</summary>
/// <param name="DataFolder">The folder of MNIST IDX files, or <see langword="null"/> to look beside the repository.</param>
/// <param name="OutputFolder">Where the model, the charts and the misclassified digits go.</param>
/// <param name="Model">The network to train.</param>
/// <param name="Epochs">Passes over the training set, or <see langword="null"/> for the model's default.</param>
/// <param name="Seed">Seeds the weights and the shuffles.</param>
internal sealed record CommandLine(string? DataFolder, string OutputFolder, MnistModel Model, int? Epochs, long Seed)
{
    public const string DefaultOutputFolder = "mnist-output";

    public const string Usage = """
        Usage: dotnet run --project samples/Mnist -c Release [-- [data-folder] [options]]

          data-folder  the folder holding train-images-idx3-ubyte(.gz) and the three other MNIST files
                       (default: ../shared/datasets/mnist beside the repository root)

        Options:
          --model NAME   dense (784-256-128-10, the default) or cnn (two convolution blocks with BatchNorm)
          --epochs N     passes over the training set (default 15 for dense, 6 for cnn)
          --seed N       seeds the weights and the shuffles (default 1, MnistNet's [Network(Seed = 1)])
          --output DIR   where to write the model and the PNGs (default ./mnist-output)
          --help         show this text
        """;

    /// <summary>
    /// Reads <paramref name="args"/>. Returns <see langword="null"/> with an <paramref name="error"/> for bad input,
    /// and <see langword="null"/> without one when help was asked for.
    /// </summary>
    public static CommandLine? Parse(string[] args, out string? error)
    {
        string? dataFolder = null;
        string outputFolder = DefaultOutputFolder;
        int parsedEpochs = 0;
        int? epochs = null;
        MnistModel model = MnistModel.Dense;
        long seed = MnistNet.DefaultSeed;
        error = null;

        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--help" or "-h" or "-?":
                    return null;
                case "--epochs" when i + 1 < args.Length
                    && int.TryParse(args[i + 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out parsedEpochs)
                    && parsedEpochs > 0:
                    epochs = parsedEpochs;
                    i++;
                    break;
                case "--model" when i + 1 < args.Length && MnistModel.Named(args[i + 1]) is MnistModel named:
                    model = named;
                    i++;
                    break;
                case "--model":
                    error = "--model needs 'dense' or 'cnn'.";
                    return null;
                case "--seed" when i + 1 < args.Length
                    && long.TryParse(args[i + 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out seed):
                    i++;
                    break;
                case "--output" when i + 1 < args.Length:
                    outputFolder = args[++i];
                    break;
                case "--epochs":
                    error = "--epochs needs a positive whole number.";
                    return null;
                case "--seed":
                    error = "--seed needs a whole number.";
                    return null;
                case "--output":
                    error = "--output needs a folder.";
                    return null;
                case string argument when argument.StartsWith('-'):
                    error = $"Unknown option '{argument}'.";
                    return null;
                case string folder when dataFolder is null:
                    dataFolder = folder;
                    break;
                default:
                    error = $"Unexpected argument '{args[i]}': the data folder is already '{dataFolder}'.";
                    return null;
            }
        }

        return new CommandLine(dataFolder, outputFolder, model, epochs, seed);
    }
}
