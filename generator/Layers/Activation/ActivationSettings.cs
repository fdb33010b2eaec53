using System;
using System.Collections.Generic;
using GenNN.Generator.Diagnostics;
using GenNN.Generator.Helpers;
using GenNN.Generator.Model;
using GenNN.Generator.Parsing;
using Microsoft.CodeAnalysis;

namespace GenNN.Generator.Layers.Activation;

/// <summary>Reads an activation and its settings from any layer attribute, and places it: fused into the layer, or as an activation layer after it.</summary>
internal static class ActivationSettings
{
    /// <summary>
    /// The activation settings layer attributes take (Dense, Conv1D, Conv2D, Activation), each with the one activation
    /// that reads it. Given with another activation, a setting is reported (GNN0034) rather than silently ignored.
    /// </summary>
    private static readonly (string Setting, ActivationKind Activation)[] Owners =
    {
        ("NegativeSlope", ActivationKind.LeakyReLU),
        ("Alpha", ActivationKind.ELU),
    };

    /// <summary>
    /// The activation given by constructor parameter <paramref name="parameterName"/> with its <c>NegativeSlope</c> or
    /// <c>Alpha</c>; <see langword="null"/> after a diagnostic (GNN0009, GNN0013, GNN0022, GNN0034), which names the
    /// layer <paramref name="layerName"/>.
    /// </summary>
    public static ActivationSpec? Read(AttributeReader attribute, string parameterName, int index, string layerName, List<Diagnostic> diagnostics)
    {
        ActivationSpec? activation = ReadKind(attribute, parameterName, index, layerName, diagnostics);
        if (activation is null)
        {
            return null;
        }

        bool applies = true;
        foreach ((string setting, ActivationKind owner) in Owners)
        {
            if (activation.Kind != owner && attribute.HasNamed(setting))
            {
                diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.InapplicableActivationSetting, attribute.NamedLocation(setting), setting, activation.Kind, owner));
                applies = false;
            }
        }

        return applies ? activation : null;
    }

    private static ActivationSpec? ReadKind(AttributeReader attribute, string parameterName, int index, string layerName, List<Diagnostic> diagnostics)
    {
        int value = attribute.Argument(parameterName, 0);
        if (!EnumValues.IsDefined<ActivationKind>(value))
        {
            diagnostics.Add(Diagnostic.Create(
                DiagnosticDescriptors.UndefinedEnumValue,
                attribute.ArgumentLocation(parameterName),
                Invariant.Text(value),
                "Activation",
                EnumValues.NamesOf<ActivationKind>()));
            return null;
        }

        var kind = (ActivationKind)value;
        if (kind == ActivationKind.LeakyReLU)
        {
            double slope = attribute.Named("NegativeSlope", 0.01);
            if (double.IsNaN(slope) || slope < 0 || slope >= 1)
            {
                diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.InvalidNegativeSlope, attribute.NamedLocation("NegativeSlope"), Invariant.Text(slope)));
                return null;
            }

            return new ActivationSpec(kind, slope);
        }

        if (kind == ActivationKind.ELU)
        {
            double alpha = attribute.Named("Alpha", 1.0);
            if (double.IsNaN(alpha) || double.IsInfinity(alpha) || alpha <= 0)
            {
                LayerDiagnostics.InvalidSetting(attribute.NamedLocation("Alpha"), index, layerName, $"ELU's Alpha must be a positive finite number, but is {Invariant.Text(alpha)}", diagnostics);
                return null;
            }

            return new ActivationSpec(kind, alpha);
        }

        return new ActivationSpec(kind, 0);
    }

    /// <summary>
    /// The layer with <paramref name="activation"/> fused when it can compute it, else the layer with Identity followed
    /// by an activation layer named <c>{name}Activation</c>.
    /// </summary>
    public static List<LayerSpec> Attach(string name, TensorShape output, ActivationSpec activation, Func<ActivationSpec, LayerSpec> layerWith)
        => activation.IsFusable
            ? new List<LayerSpec> { layerWith(activation) }
            : new List<LayerSpec> { layerWith(ActivationSpec.Identity), new ActivationLayerSpec(name + "Activation", output, activation) };

    /// <summary>An activation's own settings, for the description: LeakyReLU's slope or ELU's alpha.</summary>
    public static IReadOnlyList<LayerSetting> Of(ActivationSpec activation) => activation.Kind switch
    {
        ActivationKind.LeakyReLU => new[] { new LayerSetting("NegativeSlope", activation.Parameter) },
        ActivationKind.ELU => new[] { new LayerSetting("Alpha", activation.Parameter) },
        _ => Array.Empty<LayerSetting>(),
    };
}
