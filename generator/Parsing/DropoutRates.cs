using System.Collections.Generic;
using GenNN.Generator.Diagnostics;
using GenNN.Generator.Helpers;
using Microsoft.CodeAnalysis;

namespace GenNN.Generator.Parsing;

/// <summary>Reads a layer's optional <c>Dropout</c> rate, which any layer kind may offer.</summary>
internal static class DropoutRates
{
    public const string DropoutProperty = "Dropout";

    /// <summary>The rate, 0 when unset; reports GNN0018 (and returns 0) unless it is in [0, 1).</summary>
    public static double Resolve(AttributeReader attribute, int index, List<Diagnostic> diagnostics)
    {
        double rate = attribute.Named(DropoutProperty, 0.0);
        if (double.IsNaN(rate) || rate < 0 || rate >= 1)
        {
            diagnostics.Add(Diagnostic.Create(
                DiagnosticDescriptors.InvalidDropout,
                attribute.NamedLocation(DropoutProperty),
                Invariant.Text(index),
                $"must be a probability from 0 up to (not including) 1, but is {Invariant.Text(rate)}"));
            return 0;
        }

        return rate;
    }
}
