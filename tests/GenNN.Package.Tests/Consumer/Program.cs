using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Reflection;
using GenNN;
using GenNN.Serialization;
using GenNN.Training;

// Each line is "name: value" for PackageTests to read. Every network member used here exists only if the package's
// generator ran; the fit loop and model files need the runtime library's dependencies at run time.

// The package's version: the informational version less its build metadata (the commit).
string? version = typeof(INetwork<float>).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
Console.WriteLine($"gennn-version: {version?.Split('+')[0]}");

// The README's example, trained with the generated TrainBatch.
var xor = new XorNet();
float[] xorInputs = [0, 0, 0, 1, 1, 0, 1, 1];
float[] xorTargets = [0, 1, 1, 0];
for (int epoch = 0; epoch < 2000; epoch++)
{
    xor.TrainBatch(xorInputs, xorTargets, learningRate: 0.5f);
}

Console.WriteLine($"xor-parameters: {XorNet.ParameterCount}");
Console.WriteLine($"xor-accuracy: {Accuracy(xor, xorInputs, xorTargets):F4}");

// Horizontal bars (0) against vertical bars (1) in every row and column of a 6×6 image, fitted by the training toolkit.
float[] barInputs = new float[12 * BarNet.InputSize];
float[] barTargets = new float[12];
for (int line = 0; line < 6; line++)
{
    for (int along = 0; along < 6; along++)
    {
        barInputs[(line * BarNet.InputSize) + (line * 6) + along] = 1;
        barInputs[((6 + line) * BarNet.InputSize) + (along * 6) + line] = 1;
    }

    barTargets[6 + line] = 1;
}

var bars = new BarNet();
bars.Fit(barInputs, barTargets, new FitOptions
{
    Epochs = 60,
    BatchSize = 4,
    Seed = 1,
    Optimizer = OptimizerOptions.For(OptimizerKind.Adam) with { LearningRate = 0.05 },
});

Console.WriteLine($"conv-parameters: {BarNet.ParameterCount}");
Console.WriteLine($"conv-accuracy: {Accuracy(bars, barInputs, barTargets):F4}");

// A model file round trip: its checksums come from one of the package's dependencies.
string modelPath = Path.Combine(Path.GetTempPath(), $"gennn-consumer-{Guid.NewGuid():N}.gennn");
try
{
    ModelFile.Save(bars, modelPath);
    var restored = new BarNet(seed: 7);
    ModelFile.Load(restored, modelPath);
    Console.WriteLine($"model-file: {(restored.Parameters.SequenceEqual(bars.Parameters) ? "identical" : "different")}");
}
finally
{
    File.Delete(modelPath);
}

// Weights compiled in from xor.safetensors, an AdditionalFiles item the package's build targets encode for the
// generator: the constructor starts from them, with no file to ship or read.
var compiled = new CompiledXorNet();
Span<float> compiledOutput = stackalloc float[1];
var compiledOutputs = new List<string>();
for (int sample = 0; sample < 4; sample++)
{
    compiled.Forward(xorInputs.AsSpan(sample * 2, 2), compiledOutput);
    compiledOutputs.Add(compiledOutput[0].ToString("F4", CultureInfo.InvariantCulture));
}

Console.WriteLine($"compiled-weights: {string.Join(" ", compiledOutputs)}");

static double Accuracy(INetwork<float> network, float[] inputs, float[] targets)
{
    Span<float> output = stackalloc float[1];
    int correct = 0;
    for (int sample = 0; sample < targets.Length; sample++)
    {
        network.Forward(inputs.AsSpan(sample * network.InputSize, network.InputSize), output);
        correct += (output[0] > 0.5f) == (targets[sample] > 0.5f) ? 1 : 0;
    }

    return (double)correct / targets.Length;
}

[Network(Seed = 42)]
[Input(2)]
[Dense(16, Activation.Tanh)]
[Dense(16, Activation.Tanh)]
[Dense(1, Activation.Sigmoid)]
[Loss(LossFunction.BinaryCrossEntropy)]
public partial class XorNet { }

[Network(Seed = 3)]
[Input(1, 6, 6)]
[Conv2D(4, 3, Activation.ReLU)]
[MaxPool2D(2)]
[Flatten]
[Dense(1, Activation.Sigmoid)]
[Loss(LossFunction.BinaryCrossEntropy)]
public partial class BarNet { }

// XOR by hand: h = ReLU(x1 + x2, x1 + x2 - 1), y = sigmoid(10·h1 - 20·h2 - 5), saved as PyTorch's nn.Sequential names.
[Network(Weights = "xor.safetensors")]
[Input(2)]
[Dense(2, Activation.ReLU)]
[Dense(1, Activation.Sigmoid)]
public partial class CompiledXorNet { }
