using System;
using System.Globalization;
using System.IO;
using GenNN.Data;
using MnistFiles = GenNN.Data.Mnist;

namespace GenNN.Samples.Mnist;

/// <summary>
/// Trains the generated <see cref="MnistNet"/> on MNIST's 60,000 training digits and measures it on the 10,000 test
/// digits. The last line printed is always <c>accuracy: 0.xxxx</c>, the test-set accuracy, for scripts to read.
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        CommandLine? options = CommandLine.Parse(args, out string? error);
        if (options is null)
        {
            if (error is null)
            {
                Console.WriteLine(CommandLine.Usage);
                return 0;
            }

            Console.Error.WriteLine(error);
            Console.Error.WriteLine(CommandLine.Usage);
            return 2;
        }

        string? dataFolder = options.DataFolder ?? DataFolder.Default();
        if (options.DataFolder is null)
        {
            Console.WriteLine($"No data folder given; using {dataFolder ?? "../shared/datasets/mnist (but no GenNN.sln was found above this directory)"}");
        }

        if (dataFolder is null || !Directory.Exists(dataFolder))
        {
            Console.Error.WriteLine($"The MNIST folder {(dataFolder is null ? "" : $"'{dataFolder}' ")}does not exist.");
            Console.Error.WriteLine("Pass the folder holding train-images-idx3-ubyte(.gz), train-labels-idx1-ubyte(.gz), t10k-images-idx3-ubyte(.gz) and t10k-labels-idx1-ubyte(.gz).");
            return 2;
        }

        Dataset<float> training;
        Dataset<float> test;
        try
        {
            training = MnistFiles.LoadTraining<float>(dataFolder);
            test = MnistFiles.LoadTest<float>(dataFolder);
        }
        catch (Exception exception) when (exception is IOException or InvalidDataException)
        {
            Console.Error.WriteLine(exception.Message);
            return 2;
        }

        return new Run(options, training, test).Execute();
    }
}
