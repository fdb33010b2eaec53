using System.Collections.Generic;
using GenNN.Generator.Diagnostics;
using GenNN.Generator.Helpers;
using GenNN.Generator.Model;
using GenNN.Generator.Parsing;
using Microsoft.CodeAnalysis;

namespace GenNN.Generator.Layers;

/// <summary>The shape and setting checks every layer parser shares, each reporting its diagnostic at the attribute or argument at fault.</summary>
internal static class LayerDiagnostics
{
    /// <summary>Reports GNN0020 unless <paramref name="input"/> has one of the ranks in <paramref name="ranks"/>.</summary>
    public static bool RequireRank(AttributeReader attribute, int index, string name, TensorShape input, List<Diagnostic> diagnostics, string expectation, params int[] ranks)
    {
        foreach (int rank in ranks)
        {
            if (input.Rank == rank)
            {
                return true;
            }
        }

        diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.IncompatibleInputShape, attribute.Location, Invariant.Text(index), name, attribute.ShortName, input.ToString(), expectation));
        return false;
    }

    /// <summary>Reports GNN0006 at <paramref name="location"/>: the layer's <paramref name="what"/> (units, filters) is below 1.</summary>
    public static void NonPositiveSize(Location location, int index, string name, string what, int value, List<Diagnostic> diagnostics)
        => diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.NonPositiveSize, location, $"Layer {Invariant.Text(index)} '{name}': {what}", Invariant.Text(value)));

    /// <summary>Reports GNN0022 at <paramref name="location"/>.</summary>
    public static void InvalidSetting(Location location, int index, string name, string problem, List<Diagnostic> diagnostics)
        => diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.InvalidLayerSetting, location, Invariant.Text(index), name, problem));

    /// <summary>Reports GNN0022 unless the named or constructor argument is at least <paramref name="minimum"/>; returns the value.</summary>
    public static int AtLeast(AttributeReader attribute, int index, string name, string property, int value, int minimum, bool named, List<Diagnostic> diagnostics)
    {
        if (value < minimum)
        {
            Location location = named ? attribute.NamedLocation(property) : attribute.ArgumentLocation(property);
            InvalidSetting(location, index, name, $"{property} must be at least {Invariant.Text(minimum)}, but is {Invariant.Text(value)}", diagnostics);
        }

        return value;
    }

    /// <summary>
    /// Reports GNN0016 at the layer's attribute when <paramref name="size"/>, one of its sizes computed in 64 bits, is
    /// above <paramref name="limitBytes"/> in float: a parser checks every size its spec will compute in 32 bits before
    /// it builds the spec, so that none of them can wrap around (the network-level check, which knows the precision,
    /// bounds the totals).
    /// </summary>
    public static bool TooLarge(AttributeReader attribute, int index, string what, long size, long limitBytes, string limit, List<Diagnostic> diagnostics)
    {
        if (size <= limitBytes / sizeof(float))
        {
            return false;
        }

        diagnostics.Add(Diagnostic.Create(
            DiagnosticDescriptors.NetworkTooLarge,
            attribute.Location,
            $"layer {Invariant.Text(index)} would have {Invariant.Text(size)} {what}, more than {Invariant.Text(limitBytes >> 20)} MiB of floats {limit}"));
        return true;
    }

    /// <summary>Reports GNN0021: the window does not fit the (padded) input.</summary>
    public static void EmptyOutput(AttributeReader attribute, int index, string name, TensorShape input, string why, List<Diagnostic> diagnostics)
        => diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.EmptyOutput, attribute.Location, Invariant.Text(index), name, attribute.ShortName, input.ToString(), why));
}
