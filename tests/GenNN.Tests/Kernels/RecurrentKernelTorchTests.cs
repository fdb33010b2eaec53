using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics;
using GenNN.Kernels;
using TorchSharp;
using TorchSharp.Modules;
using Xunit;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace GenNN.Tests.Kernels;

/// <summary>
/// <see cref="RecurrentKernel"/> against TorchSharp's <c>nn.RNN</c> (tanh, ReLU), <c>nn.LSTM</c> and <c>nn.GRU</c>
/// (one layer, batch_first) with the same weights (ours transposed into PyTorch's <c>[G·H, F]</c>): the hidden
/// sequence, and after <see cref="RecurrentKernel.Backward"/> with a random upstream gradient on every output, the
/// input gradient and the four parameter gradients against autograd's. The gradient buffers start non-zero, so they
/// must be added to. A reversed run (the backward direction of a bidirectional layer) is compared with torch on the
/// time-flipped sequence.
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class RecurrentKernelTorchTests
{
    private readonly ITestOutputHelper _output;

    public RecurrentKernelTorchTests(ITestOutputHelper output) => _output = output;

    public static TheoryData<string> CaseNames => new(Cases.Keys);

    /// <summary>
    /// Sizes chosen to reach every code path in float (8 lanes) and double (4 lanes): G·H of whole 8-, 4-, 2- and
    /// 1-vector column blocks, a ragged end, fewer columns than one vector, H below and above the vector width and
    /// not a multiple of it (scalar units), T = 1, and H of exactly two vectors (16 floats, 8 doubles: the LSTM's and
    /// GRU's register-only paths). Weights are uniform in ±scale/√H (PyTorch's initialization at
    /// scale 1); "saturating" multiplies them so that gates sit near 0 and 1.
    /// </summary>
    internal static Dictionary<string, RecurrentCase> Cases { get; } = new[]
    {
        new RecurrentCase(RecurrentCell.Lstm, 1, 16, 7),
        new RecurrentCase(RecurrentCell.Lstm, 3, 5, 4, InitialState: false),
        new RecurrentCase(RecurrentCell.Lstm, 5, 21, 1),
        new RecurrentCase(RecurrentCell.Lstm, 4, 11, 6, Reverse: true),
        new RecurrentCase(RecurrentCell.Lstm, 9, 70, 4),
        new RecurrentCase(RecurrentCell.Lstm, 2, 3, 5, Reverse: true, Scale: 4),
        new RecurrentCase(RecurrentCell.Lstm, 3, 8, 5, Reverse: true),
        new RecurrentCase(RecurrentCell.Gru, 1, 16, 7),
        new RecurrentCase(RecurrentCell.Gru, 3, 5, 4, InitialState: false),
        new RecurrentCase(RecurrentCell.Gru, 6, 13, 1),
        new RecurrentCase(RecurrentCell.Gru, 4, 19, 6, Reverse: true),
        new RecurrentCase(RecurrentCell.Gru, 7, 45, 3),
        new RecurrentCase(RecurrentCell.Gru, 2, 2, 5, Reverse: true, Scale: 4),
        new RecurrentCase(RecurrentCell.Gru, 3, 8, 5, Reverse: true),
        new RecurrentCase(RecurrentCell.RnnTanh, 1, 16, 7),
        new RecurrentCase(RecurrentCell.RnnTanh, 3, 5, 4, Reverse: true),
        new RecurrentCase(RecurrentCell.RnnTanh, 7, 3, 5, InitialState: false),
        new RecurrentCase(RecurrentCell.RnnTanh, 5, 67, 3, Scale: 3),
        new RecurrentCase(RecurrentCell.RnnReLU, 4, 19, 6),
        new RecurrentCase(RecurrentCell.RnnReLU, 2, 8, 1, Reverse: true),
        new RecurrentCase(RecurrentCell.RnnReLU, 6, 36, 4, Reverse: true, InitialState: false),
    }.ToDictionary(c => c.ToString());

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Forward_and_backward_match_torch_in_double(string name) => Compare<double>(Cases[name]);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Forward_and_backward_match_torch_in_float(string name) => Compare<float>(Cases[name]);

    private void Compare<T>(RecurrentCase c)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        RecurrentData data = RecurrentData.Create<T>(c, seed: c.ToString().Length * 31);
        int f = c.Inputs, h = c.Hidden, steps = c.Steps, gh = RecurrentKernel.GateCount(c.Cell) * h;

        // GenNN.
        T[] hidden = KernelData.Poisoned<T>(steps * h);
        T[] saved = KernelData.Poisoned<T>(steps * RecurrentKernel.SavedPerStep(c.Cell, h));
        T[] scratch = KernelData.Poisoned<T>(RecurrentKernel.ScratchLength(c.Cell, f, h));
        T[] x = KernelData.Cast<T>(data.Input), wih = KernelData.Cast<T>(data.WeightIh), whh = KernelData.Cast<T>(data.WeightHh);
        T[] bih = KernelData.Cast<T>(data.BiasIh), bhh = KernelData.Cast<T>(data.BiasHh);
        T[] h0 = KernelData.Cast<T>(data.Hidden0), c0 = KernelData.Cast<T>(data.Cell0);
        RecurrentKernel.Forward<T>(c.Cell, steps, f, h, c.Reverse, x, wih, whh, bih, bhh, h0, c0, hidden, saved, scratch);

        T[] dwih = KernelData.Cast<T>(data.StartWeightIhGradient), dwhh = KernelData.Cast<T>(data.StartWeightHhGradient);
        T[] dbih = KernelData.Cast<T>(data.StartBiasIhGradient), dbhh = KernelData.Cast<T>(data.StartBiasHhGradient);
        T[] dx = KernelData.Poisoned<T>(steps * f);
        scratch.AsSpan().Fill(T.NaN);
        RecurrentKernel.Backward<T>(
            c.Cell, steps, f, h, c.Reverse, x, wih, whh, bih, bhh, h0, c0, hidden, saved, KernelData.Cast<T>(data.OutputGradient), dwih, dwhh, dbih, dbhh, dx, scratch);

        // TorchSharp, on the time-flipped sequence when reversed.
        using var scope = NewDisposeScope();
        ScalarType dtype = typeof(T) == typeof(float) ? ScalarType.Float32 : ScalarType.Float64;
        nn.Module module = c.Cell switch
        {
            RecurrentCell.Lstm => nn.LSTM(f, h, batchFirst: true, dtype: dtype),
            RecurrentCell.Gru => nn.GRU(f, h, batchFirst: true, dtype: dtype),
            RecurrentCell.RnnReLU => nn.RNN(f, h, nonLinearity: nn.NonLinearities.ReLU, batchFirst: true, dtype: dtype),
            _ => nn.RNN(f, h, nonLinearity: nn.NonLinearities.Tanh, batchFirst: true, dtype: dtype),
        };
        Dictionary<string, Parameter> parameters = module.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        using (no_grad())
        {
            parameters["weight_ih_l0"].copy_(KernelData.Tensor<T>(Transpose(data.WeightIh, f, gh), gh, f));
            parameters["weight_hh_l0"].copy_(KernelData.Tensor<T>(Transpose(data.WeightHh, h, gh), gh, h));
            parameters["bias_ih_l0"].copy_(KernelData.Tensor<T>(data.BiasIh, gh));
            parameters["bias_hh_l0"].copy_(KernelData.Tensor<T>(data.BiasHh, gh));
        }

        double[] torchInput = c.Reverse ? FlipTime(data.Input, steps, f) : data.Input;
        Tensor xt = KernelData.Tensor<T>(torchInput, 1, steps, f).requires_grad_();
        Tensor h0t = KernelData.Tensor<T>(data.Hidden0.Length == 0 ? new double[h] : data.Hidden0, 1, 1, h);
        Tensor c0t = KernelData.Tensor<T>(data.Cell0.Length == 0 ? new double[h] : data.Cell0, 1, 1, h);
        Tensor output = c.Cell switch
        {
            RecurrentCell.Lstm => ((LSTM)module).call(xt, (h0t, c0t)).Item1,
            RecurrentCell.Gru => ((GRU)module).call(xt, h0t).Item1,
            _ => ((RNN)module).call(xt, h0t).Item1,
        };
        double[] upstream = c.Reverse ? FlipTime(data.OutputGradient, steps, h) : data.OutputGradient;
        output.backward([KernelData.Tensor<T>(upstream, 1, steps, h)]);

        double[] expectedHidden = KernelData.Values(output);
        double[] expectedInputGradient = KernelData.Values(xt.grad!);
        if (c.Reverse)
        {
            expectedHidden = FlipTime(expectedHidden, steps, h);
            expectedInputGradient = FlipTime(expectedInputGradient, steps, f);
        }

        double tolerance = KernelData.Tolerance<T>();
        var forward = new Agreement();
        var backward = new Agreement();
        forward.Check("hidden", hidden, expectedHidden, tolerance);
        backward.Check("input gradient", dx, expectedInputGradient, tolerance);
        backward.Check("weight_ih gradient", dwih, Add(data.StartWeightIhGradient, Transpose(KernelData.Values(parameters["weight_ih_l0"].grad!), gh, f)), tolerance);
        backward.Check("weight_hh gradient", dwhh, Add(data.StartWeightHhGradient, Transpose(KernelData.Values(parameters["weight_hh_l0"].grad!), gh, h)), tolerance);
        backward.Check("bias_ih gradient", dbih, Add(data.StartBiasIhGradient, KernelData.Values(parameters["bias_ih_l0"].grad!)), tolerance);
        backward.Check("bias_hh gradient", dbhh, Add(data.StartBiasHhGradient, KernelData.Values(parameters["bias_hh_l0"].grad!)), tolerance);
        _output.WriteLine($"{c} ({typeof(T).Name}): forward {forward}; backward {backward}");
    }

    /// <summary>The <c>[rows, columns]</c> row-major matrix transposed.</summary>
    internal static double[] Transpose(double[] matrix, int rows, int columns)
    {
        var result = new double[matrix.Length];
        for (int r = 0; r < rows; r++)
        {
            for (int k = 0; k < columns; k++)
            {
                result[(k * rows) + r] = matrix[(r * columns) + k];
            }
        }

        return result;
    }

    /// <summary>The <c>[steps, width]</c> sequence with its rows in reverse order.</summary>
    internal static double[] FlipTime(double[] sequence, int steps, int width)
    {
        var result = new double[sequence.Length];
        for (int t = 0; t < steps; t++)
        {
            Array.Copy(sequence, t * width, result, (steps - 1 - t) * width, width);
        }

        return result;
    }

    private static double[] Add(double[] left, double[] right) => left.Zip(right, (a, b) => a + b).ToArray();
}

/// <summary>One test case: the cell, F, H, T, direction, whether the initial state is given (else empty spans, zeros), weight scale.</summary>
internal sealed record RecurrentCase(RecurrentCell Cell, int Inputs, int Hidden, int Steps, bool Reverse = false, bool InitialState = true, double Scale = 1)
{
    public override string ToString() =>
        $"{Cell} {Inputs}→{Hidden}, T {Steps}{(Reverse ? ", reverse" : "")}{(InitialState ? "" : ", zero state")}{(Scale != 1 ? $", saturating ×{Scale}" : "")}";
}

/// <summary>Random inputs, parameters, initial state, upstream gradient and starting gradients for a case, rounded to T.</summary>
internal sealed record RecurrentData(
    double[] Input,
    double[] WeightIh,
    double[] WeightHh,
    double[] BiasIh,
    double[] BiasHh,
    double[] Hidden0,
    double[] Cell0,
    double[] OutputGradient,
    double[] StartWeightIhGradient,
    double[] StartWeightHhGradient,
    double[] StartBiasIhGradient,
    double[] StartBiasHhGradient)
{
    public static RecurrentData Create<T>(RecurrentCase c, int seed)
        where T : IFloatingPointIeee754<T>
    {
        var random = new Random(seed);
        int f = c.Inputs, h = c.Hidden, gh = RecurrentKernel.GateCount(c.Cell) * h;
        double bound = c.Scale / Math.Sqrt(h);
        double[] U(int length, double limit) => KernelData.Rounded<T>(KernelData.Uniform(random, length, -limit, limit));
        return new RecurrentData(
            Input: U(c.Steps * f, 1),
            WeightIh: U(f * gh, bound),
            WeightHh: U(h * gh, bound),
            BiasIh: U(gh, bound),
            BiasHh: U(gh, bound),
            Hidden0: c.InitialState ? U(h, 0.8) : [],
            Cell0: c.InitialState && c.Cell == RecurrentCell.Lstm ? U(h, 1.5) : [],
            OutputGradient: U(c.Steps * h, 1),
            StartWeightIhGradient: U(f * gh, 0.5),
            StartWeightHhGradient: U(h * gh, 0.5),
            StartBiasIhGradient: U(gh, 0.5),
            StartBiasHhGradient: U(gh, 0.5));
    }
}
