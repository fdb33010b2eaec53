using System;
using System.Collections.Generic;
using System.Globalization;

namespace GenNN.Onnx;

/// <summary>
/// Reads the settings and tensors a layer's export needs from its <see cref="LayerDescription"/>. A missing one is an
/// error, never a default: unlike <see cref="LayerDescription.Setting"/>'s silent 0, it cannot write a wrong model.
/// </summary>
internal static class LayerParts
{
    /// <summary>The setting <paramref name="name"/>.</summary>
    /// <exception cref="NotSupportedException">The layer has no such setting.</exception>
    public static double Setting(LayerDescription layer, string name)
    {
        foreach (LayerSetting setting in layer.Settings)
        {
            if (setting.Name == name)
            {
                return setting.Value;
            }
        }

        throw new NotSupportedException($"Layer '{layer.Name}' ({layer.Kind}) has no setting '{name}', which its ONNX export needs.");
    }

    /// <summary>The setting <paramref name="name"/>, an integer.</summary>
    /// <exception cref="NotSupportedException">The layer has no such setting, or it is not an integer.</exception>
    public static int IntegerSetting(LayerDescription layer, string name)
    {
        double value = Setting(layer, name);
        return value == Math.Floor(value) && value is >= int.MinValue and <= int.MaxValue
            ? (int)value
            : throw new NotSupportedException($"Layer '{layer.Name}' ({layer.Kind}) has setting {name} = {value.ToString("R", CultureInfo.InvariantCulture)}, which is not an integer.");
    }

    /// <summary>The parameter tensor <paramref name="name"/>.</summary>
    /// <exception cref="NotSupportedException">The layer has no such tensor.</exception>
    public static TensorDescription Tensor(LayerDescription layer, string name) => Find(layer, layer.Tensors, name, "parameter");

    /// <summary>The state tensor <paramref name="name"/>.</summary>
    /// <exception cref="NotSupportedException">The layer has no such tensor.</exception>
    public static TensorDescription Buffer(LayerDescription layer, string name) => Find(layer, layer.Buffers, name, "state");

    private static TensorDescription Find(LayerDescription layer, IReadOnlyList<TensorDescription> tensors, string name, string role)
    {
        foreach (TensorDescription tensor in tensors)
        {
            if (tensor.Name == name)
            {
                return tensor;
            }
        }

        throw new NotSupportedException($"Layer '{layer.Name}' ({layer.Kind}) has no {role} tensor named '{name}'.");
    }
}
