using Microsoft.CodeAnalysis;

namespace GenNN.Generator.Diagnostics;

/// <summary>
/// Every diagnostic the generator reports. IDs are sequential and never reused; each is listed, with an example
/// and a fix, in <c>docs/diagnostics/README.md</c> (its help link points to its section there) and tracked in
/// <c>AnalyzerReleases.*.md</c>. All are errors: when one is reported, no code is generated for that network.
/// </summary>
internal static class DiagnosticDescriptors
{
    public const string Category = "GenNN";

    /// <summary>
    /// The diagnostics page; a descriptor's help link is this plus its lower-case ID, the anchor GitHub gives the
    /// ID's heading. The repository has no public address yet: this placeholder is the one place to change when it does.
    /// </summary>
    public const string HelpLinkBase = "https://github.com/gennn/gennn/blob/main/docs/diagnostics/README.md#";

    /// <summary>
    /// The <see cref="Diagnostic.Properties"/> key of a GNN0008 diagnostic listing the <c>LossFunction</c> members
    /// that fit the output activation, comma-separated, the one fused with it first: what the code fix offers.
    /// </summary>
    public const string FittingLossesProperty = "FittingLosses";

    public const string NotPartialId = "GNN0001";
    public const string UnsupportedContainingTypeId = "GNN0002";
    public const string UnsupportedNetworkTypeId = "GNN0003";
    public const string MissingInputId = "GNN0004";
    public const string NoLayersId = "GNN0005";
    public const string NonPositiveSizeId = "GNN0006";
    public const string SoftmaxNotLastId = "GNN0007";
    public const string LossActivationMismatchId = "GNN0008";
    public const string UndefinedEnumValueId = "GNN0009";
    public const string LayersSplitAcrossPartialsId = "GNN0010";
    public const string MalformedAttributeId = "GNN0011";
    public const string InputAfterLayerId = "GNN0012";
    public const string InvalidNegativeSlopeId = "GNN0013";
    public const string InvalidLayerNameId = "GNN0014";
    public const string LanguageVersionTooLowId = "GNN0015";
    public const string NetworkTooLargeId = "GNN0016";
    public const string MemberNameCollisionId = "GNN0017";
    public const string InvalidDropoutId = "GNN0018";
    public const string InvalidOptimizerId = "GNN0019";
    public const string IncompatibleInputShapeId = "GNN0020";
    public const string EmptyOutputId = "GNN0021";
    public const string InvalidLayerSettingId = "GNN0022";
    public const string InvalidInputShapeId = "GNN0023";
    public const string NoParametersId = "GNN0024";
    public const string LayerWithoutNetworkId = "GNN0025";
    public const string WeightsFileNotFoundId = "GNN0026";
    public const string WeightsFileUnreadableId = "GNN0027";
    public const string WeightsTensorMissingId = "GNN0028";
    public const string WeightsShapeMismatchId = "GNN0029";
    public const string WeightsElementTypeId = "GNN0030";
    public const string WeightsUnexpectedTensorId = "GNN0031";
    public const string WeightsInvalidValueId = "GNN0032";
    public const string WeightsNetworkMismatchId = "GNN0033";
    public const string InapplicableActivationSettingId = "GNN0034";
    public const string InapplicableOptimizerSettingId = "GNN0035";
    public const string BaseWithoutParameterlessConstructorId = "GNN0036";
    public const string SoftmaxOverOneOutputId = "GNN0037";
    public const string SignalAxesMismatchId = "GNN0038";

    public static readonly DiagnosticDescriptor NotPartial = Error(
        NotPartialId,
        "Network class must be partial",
        "Network class '{0}' must be declared 'partial' so the generator can add its implementation");

    public static readonly DiagnosticDescriptor UnsupportedContainingType = Error(
        UnsupportedContainingTypeId,
        "Unsupported containing type",
        "Network '{0}' is nested in '{1}', which is {2}; a network can be declared in a namespace or nested in non-generic partial classes, structs, records or record structs");

    public static readonly DiagnosticDescriptor UnsupportedNetworkType = Error(
        UnsupportedNetworkTypeId,
        "Unsupported network type",
        "Network class '{0}' is {1}; a network must be a non-static, non-generic, non-record class");

    public static readonly DiagnosticDescriptor MissingInput = Error(
        MissingInputId,
        "Missing [Input]",
        "Network '{0}' has no [Input] attribute; declare the input size with [Input(n)] before the first layer");

    public static readonly DiagnosticDescriptor NoLayers = Error(
        NoLayersId,
        "Network has no layers",
        "Network '{0}' has no layers; add at least one layer attribute such as [Dense(n)] after [Input]");

    public static readonly DiagnosticDescriptor NonPositiveSize = Error(
        NonPositiveSizeId,
        "Size must be positive",
        "{0} must be at least 1, but is {1}");

    public static readonly DiagnosticDescriptor SoftmaxNotLast = Error(
        SoftmaxNotLastId,
        "Softmax is allowed on the last layer only",
        "Layer {0} '{1}' uses Softmax, which is allowed on the last layer only (layer {2})");

    /// <summary>Reported on the loss argument; its <see cref="FittingLossesProperty"/> names the losses the code fix offers.</summary>
    public static readonly DiagnosticDescriptor LossActivationMismatch = Error(
        LossActivationMismatchId,
        "Loss does not fit the output activation",
        "Loss {0} requires the last layer to use {1}, but layer {2} '{3}' uses {4}");

    public static readonly DiagnosticDescriptor UndefinedEnumValue = Error(
        UndefinedEnumValueId,
        "Undefined enum value",
        "{0} is not a defined {1} value; use one of: {2}");

    public static readonly DiagnosticDescriptor LayersSplitAcrossPartials = Error(
        LayersSplitAcrossPartialsId,
        "Layer attributes split across partial declarations",
        "Network '{0}' has [{1}] on a different partial declaration than its other network attributes; put [Network], [Input], the layers and [Loss] on one declaration so their order is defined");

    public static readonly DiagnosticDescriptor MalformedAttribute = Error(
        MalformedAttributeId,
        "Malformed network attribute",
        "The [{0}] attribute could not be read: {1}");

    /// <summary>Reported on <c>[Input]</c>; its additional location is the first layer attribute, where the code fix moves it.</summary>
    public static readonly DiagnosticDescriptor InputAfterLayer = Error(
        InputAfterLayerId,
        "[Input] must come first",
        "[Input] must come before the first layer, because layer attributes read top to bottom, input to output");

    public static readonly DiagnosticDescriptor InvalidNegativeSlope = Error(
        InvalidNegativeSlopeId,
        "Invalid LeakyReLU slope",
        "NegativeSlope must be a finite number from 0 up to (not including) 1, but is {0}");

    public static readonly DiagnosticDescriptor InvalidLayerName = Error(
        InvalidLayerNameId,
        "Invalid layer name",
        "Layer name '{0}' {1}");

    public static readonly DiagnosticDescriptor LanguageVersionTooLow = Error(
        LanguageVersionTooLowId,
        "C# 12 or later required",
        "GenNN's generated code needs C# 12 or later (a streaming network's State, for one, is an [InlineArray] buffer); this project uses C# {0}");

    public static readonly DiagnosticDescriptor NetworkTooLarge = Error(
        NetworkTooLargeId,
        "Network too large",
        "The network is too large: {0}");

    public static readonly DiagnosticDescriptor MemberNameCollision = Error(
        MemberNameCollisionId,
        "Generated member names collide",
        "{0} would be named '{1}', which {2} already uses; rename {3}");

    public static readonly DiagnosticDescriptor InvalidDropout = Error(
        InvalidDropoutId,
        "Invalid dropout",
        "Dropout of layer {0} {1}");

    public static readonly DiagnosticDescriptor InvalidOptimizer = Error(
        InvalidOptimizerId,
        "Invalid optimizer declaration",
        "[Optimizer] is invalid: {0}");

    public static readonly DiagnosticDescriptor IncompatibleInputShape = Error(
        IncompatibleInputShapeId,
        "Layer cannot take its input's shape",
        "Layer {0} '{1}' ({2}) cannot take an input of shape {3}: {4}");

    public static readonly DiagnosticDescriptor EmptyOutput = Error(
        EmptyOutputId,
        "Layer leaves no output",
        "Layer {0} '{1}' ({2}) leaves no output for its input of shape {3}: {4}");

    public static readonly DiagnosticDescriptor InvalidLayerSetting = Error(
        InvalidLayerSettingId,
        "Invalid layer setting",
        "Layer {0} '{1}': {2}");

    public static readonly DiagnosticDescriptor InvalidInputShape = Error(
        InvalidInputShapeId,
        "Invalid input shape",
        "The input shape {0} is not supported: {1}");

    public static readonly DiagnosticDescriptor NoParameters = Error(
        NoParametersId,
        "Network has no parameters",
        "Network '{0}' has no trainable parameters; add a layer with weights (Dense, Conv1D, Conv2D, BatchNorm, or LayerNorm with its affine parameters)");

    public static readonly DiagnosticDescriptor LayerWithoutNetwork = Error(
        LayerWithoutNetworkId,
        "Network attribute on a class without [Network]",
        "[{0}] on '{1}' does nothing: the class has no [Network] attribute, so no network is generated for it; add [Network]");

    public static readonly DiagnosticDescriptor WeightsFileNotFound = Error(
        WeightsFileNotFoundId,
        "Weights file not found",
        "Network '{0}' names weights file '{1}', which {2}");

    public static readonly DiagnosticDescriptor WeightsFileUnreadable = Error(
        WeightsFileUnreadableId,
        "Weights file cannot be read",
        "Weights file '{0}' cannot be read: {1}");

    public static readonly DiagnosticDescriptor WeightsTensorMissing = Error(
        WeightsTensorMissingId,
        "Weights file lacks a tensor",
        "Weights file '{0}' lacks tensor '{1}' of shape {2}, which layer '{3}' needs for its {4} ({5}); the file has: {6}");

    public static readonly DiagnosticDescriptor WeightsShapeMismatch = Error(
        WeightsShapeMismatchId,
        "Weights tensor has the wrong shape",
        "Tensor '{0}' in weights file '{1}' has shape {2}, but the {4} of layer '{3}' needs {5} ({6})");

    public static readonly DiagnosticDescriptor WeightsElementType = Error(
        WeightsElementTypeId,
        "Weights tensor has an unsupported element type",
        "Tensor '{0}' in weights file '{1}' has element type {2}: {3}");

    public static readonly DiagnosticDescriptor WeightsUnexpectedTensor = Error(
        WeightsUnexpectedTensorId,
        "Weights file has an unexpected tensor",
        "Weights file '{0}' has tensor '{1}' of shape {2}, which network '{3}' has no place for; its tensors are: {4}");

    public static readonly DiagnosticDescriptor WeightsInvalidValue = Error(
        WeightsInvalidValueId,
        "Weights tensor holds an invalid value",
        "Tensor '{0}' in weights file '{1}' {2}");

    public static readonly DiagnosticDescriptor WeightsNetworkMismatch = Error(
        WeightsNetworkMismatchId,
        "Model file is of another network",
        "Model file '{0}' {1}");

    /// <summary>
    /// Reported on a <c>NegativeSlope = ...</c> or <c>Alpha = ...</c> argument given with an activation that ignores it:
    /// the layer would compile to the plain activation, as if the setting were not there.
    /// </summary>
    public static readonly DiagnosticDescriptor InapplicableActivationSetting = Error(
        InapplicableActivationSettingId,
        "Activation setting does not apply",
        "{0} is given with activation {1}, which does not use it; {0} applies to {2} only");

    /// <summary>
    /// Reported on an <c>[Optimizer]</c> setting the declared optimizer never reads (<c>Momentum</c> for Adam): the
    /// generated <c>DefaultOptimizer</c> would carry it and train as if it were not there.
    /// </summary>
    public static readonly DiagnosticDescriptor InapplicableOptimizerSetting = Error(
        InapplicableOptimizerSettingId,
        "Optimizer setting does not apply",
        "{0} is given for optimizer {1}, which does not use it; {0} applies to {2} only");

    /// <summary>
    /// Reported on the name of a network that declares no constructor: the generated constructors call the base
    /// class's parameterless one, which it lacks (or hides), so the generated code would not compile (CS7036).
    /// </summary>
    public static readonly DiagnosticDescriptor BaseWithoutParameterlessConstructor = Error(
        BaseWithoutParameterlessConstructorId,
        "Base class has no parameterless constructor",
        "Network '{0}' derives from '{1}', which has no accessible constructor that takes no arguments; the generated constructors call one. Add it to '{1}', or declare the network's constructors yourself and call InitializeParameters(seed) in them.");

    /// <summary>
    /// Reported on a softmax over a single output: it is always 1, so the cross-entropy is always 0 and nothing would
    /// train (two classes take a sigmoid output or a softmax over two).
    /// </summary>
    public static readonly DiagnosticDescriptor SoftmaxOverOneOutput = Error(
        SoftmaxOverOneOutputId,
        "Softmax over one output",
        "Layer {0} '{1}' applies Softmax over a single output, which is always 1, so nothing would train; for two classes use Activation.Sigmoid with LossFunction.BinaryCrossEntropy, or Softmax over two outputs");

    /// <summary>
    /// Reported on a layer that reads a two-axis value in the other convention than the layer before wrote it: a
    /// recurrent layer after a 1-D convolution or pool would run over the channels as if they were steps, and a 1-D
    /// convolution, pool or global average after a recurrent sequence over the units as if they were positions.
    /// </summary>
    public static readonly DiagnosticDescriptor SignalAxesMismatch = Error(
        SignalAxesMismatchId,
        "Layer reads the other axis order",
        "Layer {0} '{1}' ({2}) reads {3}, but layer {4} '{5}' ({6}) wrote {7}: it would take the {8} for {9}; {10}");

    /// <summary>The descriptor of a weights diagnostic, by ID: the weights pipeline carries problems without locations or descriptors.</summary>
    public static DiagnosticDescriptor Weights(string id) => id switch
    {
        WeightsFileNotFoundId => WeightsFileNotFound,
        WeightsFileUnreadableId => WeightsFileUnreadable,
        WeightsTensorMissingId => WeightsTensorMissing,
        WeightsShapeMismatchId => WeightsShapeMismatch,
        WeightsElementTypeId => WeightsElementType,
        WeightsUnexpectedTensorId => WeightsUnexpectedTensor,
        WeightsInvalidValueId => WeightsInvalidValue,
        WeightsNetworkMismatchId => WeightsNetworkMismatch,
        _ => throw new System.ArgumentOutOfRangeException(nameof(id), id, "not a weights diagnostic"),
    };

    private static DiagnosticDescriptor Error(string id, string title, string messageFormat)
        => new(
            id,
            title,
            messageFormat,
            Category,
            DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            helpLinkUri: HelpLinkBase + id.ToLowerInvariant(),
            customTags: WellKnownDiagnosticTags.NotConfigurable);
}
