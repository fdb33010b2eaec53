using System.Collections.Generic;
using System.Linq;
using GenNN.Generator.Helpers;
using GenNN.Generator.Model;

namespace GenNN.Generator.Layers.Recurrent;

/// <summary>
/// A recurrent layer over a sequence <c>[T, F]</c>: PyTorch's <c>nn.RNN</c>, <c>nn.LSTM</c> or <c>nn.GRU</c> (one
/// layer, <c>batch_first</c>), optionally bidirectional, returning every step (<c>[T, dirs·H]</c>) or the last
/// (<c>[dirs·H]</c>). Weights are stored input-major (<c>[F, G·H]</c>, <c>[H, G·H]</c>: the transpose of PyTorch's),
/// with PyTorch's gate order and separate input and hidden biases.
/// </summary>
internal sealed record RecurrentLayerSpec(string Name, TensorShape InputShape, TensorShape OutputShape, RecurrentCellKind Cell, int Units, bool ReturnSequences, bool Bidirectional)
    : LayerSpec(Name, InputShape, OutputShape)
{
    public int Steps => InputShape[0];

    public int Features => InputShape[1];

    public int Directions => Bidirectional ? 2 : 1;

    /// <summary>Gate units per direction: <c>G·H</c>.</summary>
    public int GateUnits => Cell.Gates() * Units;

    public override string? InnerNonlinearity => Cell switch
    {
        RecurrentCellKind.Lstm or RecurrentCellKind.Gru => "Sigmoid and Tanh gates",
        RecurrentCellKind.RnnReLU => "ReLU",
        _ => "Tanh",
    };

    public override string KindName => Cell switch
    {
        RecurrentCellKind.Lstm => "Lstm",
        RecurrentCellKind.Gru => "Gru",
        _ => "SimpleRnn",
    };

    public override SignalAxes? ReadsAxes => SignalAxes.StepsFirst;

    public override SignalAxes? WritesAxes(SignalAxes? input) => ReturnSequences ? SignalAxes.StepsFirst : null;

    public override string Summary
        => $"{KindName}{(Cell == RecurrentCellKind.RnnReLU ? " (ReLU)" : string.Empty)} {Invariant.Text(Units)} units{(Bidirectional ? ", bidirectional" : string.Empty)}, "
           + (ReturnSequences ? "every step" : "last step");

    /// <summary>The four tensors of one direction, PyTorch's <c>weight_ih_l0</c>, <c>weight_hh_l0</c>, <c>bias_ih_l0</c>, <c>bias_hh_l0</c> (<c>_reverse</c> for the second).</summary>
    public IReadOnlyList<ParameterTensor> DirectionTensors(int direction)
    {
        string suffix = direction == 0 ? string.Empty : "Reverse";
        string local = direction == 0 ? string.Empty : "r";
        string note = ", input-major: the transpose of PyTorch's";
        return new[]
        {
            new ParameterTensor("WeightIh" + suffix, "wih" + local, TensorShape.Of(Features, GateUnits), TensorInitialization.RecurrentUniform, Units, 0) { LayoutNote = note + $" <c>weight_ih_l0{(direction == 0 ? string.Empty : "_reverse")}</c>" },
            new ParameterTensor("WeightHh" + suffix, "whh" + local, TensorShape.Of(Units, GateUnits), TensorInitialization.RecurrentUniform, Units, 0) { LayoutNote = note + $" <c>weight_hh_l0{(direction == 0 ? string.Empty : "_reverse")}</c>" },
            new ParameterTensor("BiasIh" + suffix, "bih" + local, TensorShape.Of(GateUnits), TensorInitialization.RecurrentUniform, Units, 0),
            new ParameterTensor("BiasHh" + suffix, "bhh" + local, TensorShape.Of(GateUnits), TensorInitialization.RecurrentUniform, Units, 0),
        };
    }

    public override IReadOnlyList<ParameterTensor> Tensors => Enumerable.Range(0, Directions).SelectMany(DirectionTensors).ToArray();

    /// <summary>Per direction: every step's hidden state (<c>T·H</c>), then what the cell saves for backward.</summary>
    public int DirectionStateLength => Steps * (Units + Cell.SavedPerStep(Units));

    /// <summary>
    /// <c>Sequence</c>: each direction's hidden states and saved gates, kept from training's forward pass to its
    /// backward pass. <c>Steps</c>: a sample's rows of the block kernels' per-step products in training. <c>Work</c>:
    /// for inference, the states, a zero initial state and the one-sample kernel's scratch; for training, the block
    /// kernels' shared scratch.
    /// </summary>
    public override IReadOnlyList<ScratchRegion> Scratch => new[]
    {
        new ScratchRegion("Sequence", Directions * DirectionStateLength, ScratchScope.TrainingSample),
        new ScratchRegion("Steps", Cell.BlockSampleScratchLength(Features, Units), ScratchScope.TrainingSample),
        new ScratchRegion("Work", WorkLength, ScratchScope.Temporary),
    };

    /// <summary>Offsets in the <c>Work</c> region for inference.</summary>
    public int ZeroStateOffset => Directions * DirectionStateLength;

    public int KernelScratchOffset => ZeroStateOffset + Units;

    public int WorkLength => System.Math.Max(KernelScratchOffset + Cell.ScratchLength(Features, Units), Cell.BlockScratchLength(Features, Units));

    /// <summary>Units, ReturnSequences, Bidirectional, and a SimpleRnn's Nonlinearity (0 tanh, 1 ReLU), which the other cells do not have.</summary>
    public override IReadOnlyList<LayerSetting> Settings
    {
        get
        {
            var settings = new List<LayerSetting>
            {
                new("Units", Units),
                new("ReturnSequences", ReturnSequences ? 1 : 0),
                new("Bidirectional", Bidirectional ? 1 : 0),
            };
            if (Cell is RecurrentCellKind.RnnTanh or RecurrentCellKind.RnnReLU)
            {
                settings.Add(new("Nonlinearity", Cell == RecurrentCellKind.RnnReLU ? 1 : 0));
            }

            return settings;
        }
    }

    public override long Flops => 2L * Directions * Steps * GateUnits * (Features + Units);

    /// <summary>
    /// One <c>nn.RNN</c>, <c>nn.LSTM</c> or <c>nn.GRU</c> module: per direction <c>weight_ih_l0</c> <c>[G·H, F]</c> and
    /// <c>weight_hh_l0</c> <c>[G·H, H]</c>, the transposes of the stored input-major weights, and the biases
    /// <c>[G·H]</c> as they are; <c>_reverse</c> for the second direction.
    /// </summary>
    public override IReadOnlyList<TorchTensorSpec> TorchTensors(string module)
    {
        var tensors = new List<TorchTensorSpec>();
        for (int direction = 0; direction < Directions; direction++)
        {
            string suffix = direction == 0 ? string.Empty : "_reverse";
            string torchModule = Cell.TorchModule();
            IReadOnlyList<ParameterTensor> stored = DirectionTensors(direction);
            tensors.Add(TorchTensorSpec.Transposed(module, "weight_ih_l0" + suffix, stored[0], $"{torchModule}.weight_ih_l0{suffix}'s [gates·hidden, input]"));
            tensors.Add(TorchTensorSpec.Transposed(module, "weight_hh_l0" + suffix, stored[1], $"{torchModule}.weight_hh_l0{suffix}'s [gates·hidden, hidden]"));
            tensors.Add(TorchTensorSpec.Copy(module, "bias_ih_l0" + suffix, stored[2], $"{torchModule}.bias_ih_l0{suffix}'s [gates·hidden]"));
            tensors.Add(TorchTensorSpec.Copy(module, "bias_hh_l0" + suffix, stored[3], $"{torchModule}.bias_hh_l0{suffix}'s [gates·hidden]"));
        }

        return tensors;
    }
}
