using System;

namespace GenNN.Samples.Mnist;

/// <summary>A network the sample can train, with the settings that suit it.</summary>
/// <param name="Name">The name <c>--model</c> takes.</param>
/// <param name="Create">Creates the network from a seed.</param>
/// <param name="Summary">One line saying what the network is.</param>
/// <param name="Epochs">Default passes over the training set.</param>
/// <param name="LearningRate">The first epoch's SGD step size (it decays along a cosine).</param>
/// <param name="RequiredAccuracy">The test accuracy the default run promises.</param>
internal sealed record MnistModel(string Name, Func<long, ITrainableNetwork<float>> Create, string Summary, int Epochs, float LearningRate, double RequiredAccuracy)
{
    public static readonly MnistModel Dense = new(
        "dense",
        seed => new MnistNet(seed),
        $"MnistNet: {MnistNet.InputSize} -> {MnistNet.Hidden1Size} ReLU -> {MnistNet.Hidden2Size} ReLU -> {MnistNet.OutputSize} softmax, "
        + $"dropout {MnistNet.Description.Layers[1].Setting("Rate"):P0} on the hidden layers, {MnistNet.ParameterCount} parameters",
        Epochs: 15,
        LearningRate: 0.1f,
        RequiredAccuracy: 0.98);

    public static readonly MnistModel Convolutional = new(
        "cnn",
        seed => new MnistCnn(seed),
        $"MnistCnn: [1, 28, 28] -> conv 3x3 x{MnistCnn.Conv1BiasLength} + BatchNorm + ReLU -> max pool -> conv 3x3 x{MnistCnn.Conv2BiasLength} + BatchNorm + ReLU "
        + $"-> max pool -> {MnistCnn.HiddenSize} ReLU (dropout 30 %) -> {MnistCnn.OutputSize} softmax, {MnistCnn.ParameterCount} parameters",
        Epochs: 6,
        LearningRate: 0.05f,
        RequiredAccuracy: 0.99);

    public static MnistModel? Named(string name) => name switch
    {
        "dense" => Dense,
        "cnn" => Convolutional,
        _ => null,
    };
}
