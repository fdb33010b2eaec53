using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace GenNN;

/// <summary>
/// A generated network's structure as data: its input shape, its layers with their shapes and settings, and where
/// each parameter tensor lives in <see cref="INetwork{T}.Parameters"/> and each state tensor (BatchNorm's running
/// statistics) in <see cref="INetwork{T}.Buffers"/>. Generated once per network type (<c>Net.Description</c>);
/// model files, PyTorch and ONNX interop and summaries read it instead of reflecting over the class.
/// </summary>
public sealed class NetworkDescription
{
    /// <summary>Describes a network; generated code calls this.</summary>
    public NetworkDescription(string name, Precision precision, IReadOnlyList<int> inputShape, IReadOnlyList<LayerDescription> layers, LossFunction? loss)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(inputShape);
        ArgumentNullException.ThrowIfNull(layers);
        if (layers.Count == 0)
        {
            throw new ArgumentException("A network has at least one layer.", nameof(layers));
        }

        Name = name;
        Precision = precision;
        InputShape = inputShape;
        Layers = layers;
        Loss = loss;
        ParameterCount = layers.Sum(layer => layer.Tensors.Sum(tensor => tensor.Length));
        BufferCount = layers.Sum(layer => layer.Buffers.Sum(tensor => tensor.Length));
        Signature = $"Input({ShapeText(inputShape)})|{string.Join("|", layers.Where(layer => !UnsignedKinds.Contains(layer.Kind)).Select(layer => layer.Signature))}";
    }

    /// <summary>
    /// The layers the signature leaves out: they hold no parameters, and a model may deliberately differ there between
    /// training and use. Activation layers (<c>[Activation]</c>, or an activation the layer before cannot fuse), and
    /// dropout, the identity outside training (so a model trained with one rate fine-tunes with another).
    /// </summary>
    private static readonly string[] UnsignedKinds = ["Activation", "Dropout"];

    /// <summary>
    /// The settings the signature leaves out: activation parameters (as activations), and BatchNorm's running-average
    /// rate, which only training reads.
    /// </summary>
    internal static readonly string[] UnsignedSettings = ["NegativeSlope", "Alpha", "Momentum"];

    /// <summary>The network class's name.</summary>
    public string Name { get; }

    /// <summary>The element type of parameters, inputs and outputs.</summary>
    public Precision Precision { get; }

    /// <summary>The shape of one input sample, outermost dimension first (<c>[1, 28, 28]</c>).</summary>
    public IReadOnlyList<int> InputShape { get; }

    /// <summary>The input length: the product of <see cref="InputShape"/>.</summary>
    public int InputSize => Product(InputShape);

    /// <summary>The output length.</summary>
    public int OutputSize => Layers[^1].OutputSize;

    /// <summary>The number of parameters.</summary>
    public int ParameterCount { get; }

    /// <summary>The number of non-trainable state values (<see cref="INetwork{T}.Buffers"/>).</summary>
    public int BufferCount { get; }

    /// <summary>The layers, input to output.</summary>
    public IReadOnlyList<LayerDescription> Layers { get; }

    /// <summary>The declared loss, or <see langword="null"/> for an inference-only network.</summary>
    public LossFunction? Loss { get; }

    /// <summary>
    /// The layer kinds, shapes and settings, e.g. <c>Input(2)|Dense(2->16)|Dense(16->1)</c> or
    /// <c>Input(1x28x28)|Conv2D(1x28x28->8x26x26;KernelSize=3,Stride=1,...)|...</c>: two networks with equal signatures
    /// can exchange parameters and state. Activations are not part of it, neither a layer's own nor an activation layer:
    /// they hold no parameters, and a model trained with one activation can deliberately be loaded into a network that
    /// differs only there; nor are dropout layers and BatchNorm's momentum, which only training reads.
    /// </summary>
    public string Signature { get; }

    /// <summary>
    /// A signature saved by an earlier version, which listed activation and dropout layers (<c>|Activation(4->4)</c>,
    /// <c>|Dropout(4->4;Rate=0.5)</c>), BatchNorm's momentum and an LSTM's or GRU's meaningless <c>Nonlinearity=0</c>,
    /// as this version writes it.
    /// </summary>
    internal static string AsThisVersionWrites(string signature)
        => string.Join("|", signature.Split('|')
            .Where(part => !UnsignedKinds.Any(kind => part.StartsWith(kind + "(", StringComparison.Ordinal)))
            .Select(WithoutUnsignedSettings));

    /// <summary><c>BatchNorm(4->4;Momentum=0.1,Epsilon=1E-05)</c> without the settings left out: <c>BatchNorm(4->4;Epsilon=1E-05)</c>.</summary>
    private static string WithoutUnsignedSettings(string part)
    {
        int settingsStart = part.IndexOf(';', StringComparison.Ordinal);
        if (settingsStart < 0)
        {
            return part;
        }

        bool gatedCell = part.StartsWith("Lstm(", StringComparison.Ordinal) || part.StartsWith("Gru(", StringComparison.Ordinal);
        string[] settings = part[(settingsStart + 1)..^1].Split(',')
            .Where(setting => !UnsignedSettings.Contains(setting.Split('=')[0]) && !(gatedCell && setting.StartsWith("Nonlinearity=", StringComparison.Ordinal)))
            .ToArray();
        return settings.Length == 0 ? part[..settingsStart] + ")" : $"{part[..(settingsStart + 1)]}{string.Join(",", settings)})";
    }

    internal static int Product(IReadOnlyList<int> shape)
    {
        int product = 1;
        foreach (int dimension in shape)
        {
            product *= dimension;
        }

        return product;
    }

    internal static string ShapeText(IReadOnlyList<int> shape) => string.Join("x", shape.Select(d => d.ToString(CultureInfo.InvariantCulture)));
}

/// <summary>One layer of a <see cref="NetworkDescription"/>.</summary>
/// <param name="Name">The layer's name (<c>Layer1</c>, or as declared).</param>
/// <param name="Kind">The layer kind (<c>Dense</c>, <c>Conv2D</c>, <c>MaxPool2D</c>, <c>BatchNorm</c>, ...).</param>
/// <param name="InputShape">The shape the layer reads.</param>
/// <param name="OutputShape">The shape the layer writes.</param>
/// <param name="Activation">The activation the layer applies last (Identity for layers without one).</param>
/// <param name="Settings">The kind's hyperparameters by name, in a fixed order (<c>Stride</c>, <c>Momentum</c>, <c>NegativeSlope</c>, ...).</param>
/// <param name="Tensors">The layer's parameter tensors, in storage order.</param>
/// <param name="Buffers">The layer's state tensors (not trained), in storage order.</param>
public sealed record LayerDescription(
    string Name,
    string Kind,
    IReadOnlyList<int> InputShape,
    IReadOnlyList<int> OutputShape,
    Activation Activation,
    IReadOnlyList<LayerSetting> Settings,
    IReadOnlyList<TensorDescription> Tensors,
    IReadOnlyList<TensorDescription> Buffers)
{
    /// <summary>The input length.</summary>
    public int InputSize => NetworkDescription.Product(InputShape);

    /// <summary>The output length.</summary>
    public int OutputSize => NetworkDescription.Product(OutputShape);

    /// <summary>LeakyReLU's slope (0 when the layer has another activation).</summary>
    public double NegativeSlope => Setting("NegativeSlope");

    /// <summary>The value of the setting <paramref name="name"/>, or <paramref name="fallback"/> when the layer has none by that name.</summary>
    public double Setting(string name, double fallback = 0)
    {
        foreach (LayerSetting setting in Settings)
        {
            if (setting.Name == name)
            {
                return setting.Value;
            }
        }

        return fallback;
    }

    /// <summary>The kind, shapes and settings, as they enter <see cref="NetworkDescription.Signature"/>.</summary>
    public string Signature
    {
        get
        {
            string shapes = InputShape.Count == 1 && OutputShape.Count == 1
                ? $"{InputSize.ToString(CultureInfo.InvariantCulture)}->{OutputSize.ToString(CultureInfo.InvariantCulture)}"
                : $"{NetworkDescription.ShapeText(InputShape)}->{NetworkDescription.ShapeText(OutputShape)}";
            IEnumerable<LayerSetting> structural = Settings.Where(setting => !NetworkDescription.UnsignedSettings.Contains(setting.Name));
            string settings = string.Join(",", structural.Select(setting => $"{setting.Name}={setting.Value.ToString("R", CultureInfo.InvariantCulture)}"));
            return settings.Length == 0 ? $"{Kind}({shapes})" : $"{Kind}({shapes};{settings})";
        }
    }
}

/// <summary>One hyperparameter of a layer.</summary>
/// <param name="Name">Its name (<c>Stride</c>, <c>Epsilon</c>).</param>
/// <param name="Value">Its value; integers are exact.</param>
public sealed record LayerSetting(string Name, double Value);

/// <summary>One parameter or state tensor of a layer.</summary>
/// <param name="Name">Its name within the layer (<c>Weights</c>, <c>Bias</c>, <c>RunningMean</c>).</param>
/// <param name="Offset">Where it starts in the parameter span (or, for a state tensor, the buffer span).</param>
/// <param name="Length">Its number of elements.</param>
/// <param name="Shape">
/// Its shape as stored, row-major. Dense weights and recurrent layers' <c>WeightIh</c> and <c>WeightHh</c> are
/// input-major, <c>[in, out]</c> and <c>[in, gates·units]</c>: the transposes of PyTorch's <c>nn.Linear.weight</c>
/// (<c>[out, in]</c>) and <c>weight_ih_l0</c>/<c>weight_hh_l0</c>, so interop transposes them; every other tensor has
/// PyTorch's layout.
/// </param>
public sealed record TensorDescription(string Name, int Offset, int Length, IReadOnlyList<int> Shape);
