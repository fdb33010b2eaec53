using System.Collections.Generic;

namespace GenNN.Serialization;

/// <summary>
/// How <see cref="Safetensors"/> names a network's tensors, and how strictly it imports. The defaults match the
/// equivalent PyTorch <c>nn.Sequential</c> (each layer's module, and its activation module), saved with its
/// <c>state_dict()</c>.
/// </summary>
public sealed record SafetensorsOptions
{
    /// <summary>
    /// Put before every tensor name, e.g. <c>model.</c> for a <c>Sequential</c> held in an attribute <c>model</c>
    /// (<c>model.0.weight</c>). Empty by default.
    /// </summary>
    public string Prefix { get; init; } = "";

    /// <summary>
    /// The module path of each layer, input to output (e.g. <c>["fc1", "fc2", "head"]</c> for a PyTorch module with
    /// attributes <c>fc1</c>, <c>fc2</c>, <c>head</c>), replacing the <c>nn.Sequential</c> indices; tensors are then
    /// named <c>{Prefix}{module}.weight</c>, <c>{Prefix}{module}.bias</c>, <c>{Prefix}{module}.running_mean</c>, ....
    /// Every layer needs an entry, even one without tensors. <see langword="null"/> (the default) derives
    /// <c>nn.Sequential</c> indices: see <see cref="Safetensors.TensorNames"/>.
    /// </summary>
    public IReadOnlyList<string>? LayerModules { get; init; }

    /// <summary>
    /// Import only: skip tensors the network has no place for (say, those of modules after the part GenNN mirrors)
    /// instead of failing. Missing tensors are always an error.
    /// </summary>
    public bool IgnoreUnexpectedTensors { get; init; }

    /// <summary>
    /// Import only: let a <c>float</c> network take <c>F64</c> tensors, rounding each value to the nearest float.
    /// Off by default, so precision is never lost silently; <c>F32</c> into a <c>double</c> network is always
    /// allowed, since widening is exact.
    /// </summary>
    public bool AllowPrecisionLoss { get; init; }

    /// <summary>
    /// Import only: accept NaN and infinite values. Off by default, since a network holding one computes NaN or
    /// infinity for most inputs: such a file is almost always the checkpoint of a diverged run, and loading it
    /// silently would only move the failure to the first prediction. The check applies after conversion, so an
    /// <c>F64</c> value too large for a <c>float</c> network counts as infinite.
    /// </summary>
    public bool AllowNonFiniteValues { get; init; }

    /// <summary>
    /// Export only: string pairs written to the header's <c>__metadata__</c> besides GenNN's own
    /// (<c>format</c>, <c>gennn.network</c> and <c>gennn.signature</c>, which these override).
    /// </summary>
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }
}
