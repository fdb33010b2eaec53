using System.Collections.Generic;
using GenNN.Generator.Diagnostics;
using GenNN.Generator.Helpers;
using GenNN.Generator.Model;
using GenNN.Generator.Parsing;
using Microsoft.CodeAnalysis;

namespace GenNN.Generator.Layers.Recurrent;

/// <summary>Reads <c>[Lstm(units, ReturnSequences = ..., Bidirectional = ..., Name = ...)]</c>, <c>[Gru(...)]</c> and <c>[SimpleRnn(units, activation, ...)]</c>.</summary>
internal sealed class RecurrentLayerParser(RecurrentCellKind? cell) : ILayerParser
{
    public static readonly RecurrentLayerParser Lstm = new(RecurrentCellKind.Lstm);

    public static readonly RecurrentLayerParser Gru = new(RecurrentCellKind.Gru);

    /// <summary>SimpleRnn: the cell (tanh or ReLU) comes from its activation argument.</summary>
    public static readonly RecurrentLayerParser SimpleRnn = new(null);

    // GenNN.Activation's Tanh and ReLU values.
    private const int Tanh = 4;
    private const int ReLU = 1;

    public IReadOnlyList<LayerSpec>? Parse(AttributeReader attribute, int index, TensorShape input, List<Diagnostic> diagnostics)
    {
        int errors = diagnostics.Count;
        string? name = LayerNames.Resolve(attribute, index, diagnostics);
        int units = attribute.Argument("units", 0);
        if (units <= 0)
        {
            LayerDiagnostics.NonPositiveSize(attribute.ArgumentLocation("units"), index, name ?? attribute.ShortName, "units", units, diagnostics);
        }

        RecurrentCellKind kind = RecurrentCellKind.Lstm;
        if (cell is RecurrentCellKind given)
        {
            kind = given;
        }
        else
        {
            int activation = attribute.Argument("activation", Tanh);
            if (activation is not (Tanh or ReLU))
            {
                LayerDiagnostics.InvalidSetting(
                    attribute.ArgumentLocation("activation"), index, name ?? attribute.ShortName, "a SimpleRnn's activation is Tanh or ReLU (PyTorch's nonlinearity)", diagnostics);
            }

            kind = activation == ReLU ? RecurrentCellKind.RnnReLU : RecurrentCellKind.RnnTanh;
        }

        if (diagnostics.Count != errors || name is null
            || !LayerDiagnostics.RequireRank(attribute, index, name, input, diagnostics, "a recurrent layer reads a sequence [steps, features]", 2))
        {
            return null;
        }

        bool sequences = attribute.Named("ReturnSequences", false);
        bool bidirectional = attribute.Named("Bidirectional", false);

        // The spec's sizes in 64 bits, checked before it computes them in 32 (GNN0016): the parameters (which bound
        // the units) and one sample's states over the sequence, which inference keeps in its working memory and
        // training for backpropagation through time. Only against 32-bit overflow here: the network-level check
        // bounds them against what the network's passes may take, which depends on whether it trains.
        long directions = bidirectional ? 2 : 1;
        long gateUnits = (long)kind.Gates() * units;
        long parameters = directions * gateUnits * ((long)input[1] + units + 2);
        if (LayerDiagnostics.TooLarge(attribute, index, "parameters", parameters, NetworkLimits.MaxParameterBytes, "a parameter buffer may take", diagnostics))
        {
            return null;
        }

        long states = directions * input[0] * (units + (long)kind.SavedPerStep(units));
        if (LayerDiagnostics.TooLarge(attribute, index, "state values per sample", states, 1L << 31, "its states may take", diagnostics))
        {
            return null;
        }

        int width = (int)directions * units;
        TensorShape output = sequences ? TensorShape.Of(input[0], width) : TensorShape.Of(width);
        return new LayerSpec[] { new RecurrentLayerSpec(name, input, output, kind, units, sequences, bidirectional) };
    }
}
