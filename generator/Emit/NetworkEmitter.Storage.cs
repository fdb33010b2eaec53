using GenNN.Generator.Helpers;
using GenNN.Generator.Model;

namespace GenNN.Generator.Emit;

/// <summary>Constants, the fixed-size parameter and gradient buffers, per-layer views, and initialization.</summary>
internal static partial class NetworkEmitter
{
    private static void WriteConstants(SourceWriter writer, NetworkSpec spec, NetworkLayout layout)
    {
        writer.Line("/// <summary>The length of the input vector.</summary>");
        writer.Line($"public const int InputSize = {Invariant.Text(spec.InputSize)};");
        writer.Line();
        writer.Line("/// <summary>The length of the output vector.</summary>");
        writer.Line($"public const int OutputSize = {Invariant.Text(spec.OutputSize)};");
        writer.Line();
        writer.Line("/// <summary>The number of trainable parameters: every layer's weights and bias.</summary>");
        writer.Line($"public const int ParameterCount = {Invariant.Text(spec.ParameterCount)};");
        writer.Line();
        writer.Line("/// <summary>The seed the parameterless constructor initializes the weights with (<c>[Network(Seed = ...)]</c>).</summary>");
        writer.Line($"public const long DefaultSeed = {Invariant.Text(spec.Seed)};");

        int offset = 0;
        for (int l = 0; l < spec.Layers.Count; l++)
        {
            LayerSpec layer = spec.Layers[l];
            writer.Line();
            writer.Line($"/// <summary>The input length of layer {Invariant.Text(l + 1)} '{layer.Name}'.</summary>");
            writer.Line($"public const int {layer.Name}InputSize = {Invariant.Text(layer.InputSize)};");
            writer.Line();
            writer.Line($"/// <summary>The output length (neurons) of layer {Invariant.Text(l + 1)} '{layer.Name}'.</summary>");
            writer.Line($"public const int {layer.Name}Size = {Invariant.Text(layer.OutputSize)};");
            foreach (ParameterTensor tensor in layer.Tensors)
            {
                writer.Line();
                writer.Line($"/// <summary>Where <see cref=\"{layer.Name}{tensor.MemberSuffix}\"/> starts in <see cref=\"Parameters\"/>.</summary>");
                writer.Line($"public const int {layer.Name}{tensor.MemberSuffix}Offset = {Invariant.Text(offset)};");
                writer.Line();
                writer.Line($"/// <summary>The length of <see cref=\"{layer.Name}{tensor.MemberSuffix}\"/>, shape {tensor.Shape}.</summary>");
                writer.Line($"public const int {layer.Name}{tensor.MemberSuffix}Length = {Invariant.Text(tensor.Length)};");
                offset += tensor.Length;
            }
        }

        writer.Line();
        writer.Line(spec.Loss is null
            ? "// Per-sample scratch, taken from the stack by each call: hidden-layer activations."
            : "// Per-sample scratch, taken from the stack by each call: hidden-layer activations, and backward's deltas.");
        writer.Line($"private const int HiddenActivationLength = {Invariant.Text(layout.HiddenActivationLength)};");
        for (int l = 0; l < spec.Layers.Count - 1; l++)
        {
            writer.Line($"private const int {spec.Layers[l].Name}ActivationOffset = {Invariant.Text(layout.ActivationOffsets[l])};");
            if (spec.Layers[l].HasDropout)
            {
                writer.Line($"private const int {spec.Layers[l].Name}RetainedOffset = {Invariant.Text(layout.RetainedOffsets[l])};");
            }
        }

        if (spec.HasDropout)
        {
            writer.Line($"private const int MaskLength = {Invariant.Text(layout.MaskLength)};");
            for (int l = 0; l < spec.Layers.Count - 1; l++)
            {
                if (spec.Layers[l].HasDropout)
                {
                    writer.Line($"private const int {spec.Layers[l].Name}MaskOffset = {Invariant.Text(layout.MaskOffsets[l])};");
                }
            }
        }

        writer.Line($"private const int BatchBlockSize = {Invariant.Text(BatchBlockSize(spec, layout))};");
        if (spec.Loss is not null)
        {
            writer.Line($"private const int DeltaLength = {Invariant.Text(layout.DeltaLength)};");
            for (int l = 0; l < spec.Layers.Count; l++)
            {
                writer.Line($"private const int {spec.Layers[l].Name}DeltaOffset = {Invariant.Text(layout.DeltaOffsets[l])};");
            }
        }

        writer.Line();
    }

    private static void WriteStorage(SourceWriter writer, NetworkSpec spec)
    {
        string t = spec.Numeric.Keyword();
        writer.Line($"/// <summary>Fixed-size storage for <see cref=\"ParameterCount\"/> values, inline in the network object: no array, no indirection.</summary>");
        writer.Line("[global::System.Runtime.CompilerServices.InlineArray(ParameterCount)]");
        writer.Line("private struct ParameterBuffer");
        using (writer.Block())
        {
            writer.Line($"private {t} _element0;");
        }

        writer.Line();
        writer.Line("private ParameterBuffer _parameters;");
        if (spec.Loss is not null)
        {
            writer.Line("private ParameterBuffer _gradients;");
        }

        if (spec.HasDropout && spec.Loss is not null)
        {
            writer.Line();
            writer.Line("// Draws the dropout masks of Backward, TrainStep and TrainBatch; seeded by InitializeParameters.");
            writer.Line("private global::GenNN.SeededRandom _dropoutRandom;");
        }

        writer.Line();
        writer.Line("/// <summary>All parameters as one contiguous span, layer by layer: each layer's weights (input-major <c>[in, out]</c>), then its bias.</summary>");
        WriteGeneratedCode(writer);
        writer.Line($"public global::System.Span<{t}> Parameters => _parameters;");
        if (spec.Loss is not null)
        {
            writer.Line();
            writer.Line("/// <summary>The accumulated loss gradient, laid out exactly like <see cref=\"Parameters\"/>.</summary>");
            WriteGeneratedCode(writer);
            writer.Line($"public global::System.Span<{t}> Gradients => _gradients;");
        }

        for (int l = 0; l < spec.Layers.Count; l++)
        {
            LayerSpec layer = spec.Layers[l];
            foreach (ParameterTensor tensor in layer.Tensors)
            {
                string member = layer.Name + tensor.MemberSuffix;
                string description = tensor.MemberSuffix == "Weights"
                    ? $"input-major {tensor.Shape} (<c>[in, out]</c>, the transpose of PyTorch's <c>nn.Linear.weight</c>): row <c>i</c> holds input <c>i</c>'s weights to every neuron"
                    : $"shape {tensor.Shape}";
                writer.Line();
                writer.Line($"/// <summary>{tensor.MemberSuffix} of layer {Invariant.Text(l + 1)} '{layer.Name}', {description}.</summary>");
                WriteGeneratedCode(writer);
                writer.Line($"public global::System.Span<{t}> {member} => Parameters.Slice({member}Offset, {member}Length);");
                if (spec.Loss is not null)
                {
                    writer.Line();
                    writer.Line($"/// <summary>The gradient of <see cref=\"{member}\"/>, same layout.</summary>");
                    WriteGeneratedCode(writer);
                    writer.Line($"public global::System.Span<{t}> {member}Gradient => Gradients.Slice({member}Offset, {member}Length);");
                }
            }
        }

        writer.Line();
    }

    private static void WriteInitialization(SourceWriter writer, NetworkSpec spec)
    {
        if (spec.EmitConstructors)
        {
            writer.Line("/// <summary>Creates the network with weights initialized from <see cref=\"DefaultSeed\"/>.</summary>");
            WriteGeneratedCode(writer);
            writer.Line($"public {spec.Type.Name}()");
            writer.Line("    : this(DefaultSeed)");
            writer.Line("{");
            writer.Line("}");
            writer.Line();
            writer.Line("/// <summary>Creates the network with weights initialized from <paramref name=\"seed\"/>: the same seed always gives the same weights.</summary>");
            writer.Line("/// <param name=\"seed\">The seed of the initialization's random sequence.</param>");
            WriteGeneratedCode(writer);
            writer.Line($"public {spec.Type.Name}(long seed) => InitializeParameters(seed);");
            writer.Line();
        }

        writer.Line("/// <summary>");
        writer.Line("/// Re-initializes every parameter from <paramref name=\"seed\"/>, deterministically: He uniform for ReLU-family layers,");
        writer.Line("/// Glorot uniform for the others, biases zero." + (spec.Loss is null ? string.Empty : " Gradients are zeroed."));
        writer.Line("/// </summary>");
        writer.Line("/// <param name=\"seed\">The seed of the initialization's random sequence.</param>");
        WriteGeneratedCode(writer);
        writer.Line("public void InitializeParameters(long seed)");
        using (writer.Block())
        {
            writer.Line("var random = new global::GenNN.SeededRandom(seed);");
            for (int l = 0; l < spec.Layers.Count; l++)
            {
                LayerSpec layer = spec.Layers[l];
                foreach (ParameterTensor tensor in layer.Tensors)
                {
                    string member = layer.Name + tensor.MemberSuffix;
                    switch (tensor.Initialization)
                    {
                        case TensorInitialization.Zeros:
                            writer.Line($"{member}.Clear();");
                            break;
                        case TensorInitialization.HeUniform:
                            writer.Line($"global::GenNN.ParameterInitializer.HeUniform(ref random, {member}, fanIn: {Invariant.Text(tensor.FanIn)});");
                            break;
                        default:
                            writer.Line($"global::GenNN.ParameterInitializer.GlorotUniform(ref random, {member}, fanIn: {Invariant.Text(tensor.FanIn)}, fanOut: {Invariant.Text(tensor.FanOut)});");
                            break;
                    }
                }
            }

            if (spec.Loss is not null)
            {
                if (spec.HasDropout)
                {
                    writer.Line("_dropoutRandom = random; // continues the sequence the weights were drawn from");
                }

                writer.Line("ZeroGradients();");
            }
        }

        writer.Line();
    }

    /// <summary>Declares the read-only view of each of a layer's tensors, <c>w2</c>, <c>b2</c>, ..., for the forward pass.</summary>
    private static void WriteParameterViews(SourceWriter writer, NetworkSpec spec, int index)
    {
        foreach (ParameterTensor tensor in spec.Layers[index - 1].Tensors)
        {
            WriteView(writer, spec, index, tensor, gradient: false);
        }
    }

    /// <summary>
    /// Declares the views a layer's backward block uses: every gradient (<c>gw2</c>, <c>gb2</c>), and the tensors
    /// that the input gradient reads, unless this is the first layer, whose input gradient nobody needs.
    /// </summary>
    private static void WriteBackwardViews(SourceWriter writer, NetworkSpec spec, int index)
    {
        foreach (ParameterTensor tensor in spec.Layers[index - 1].Tensors)
        {
            if (index > 1 && tensor.ReadForInputGradient)
            {
                WriteView(writer, spec, index, tensor, gradient: false);
            }

            WriteView(writer, spec, index, tensor, gradient: true);
        }
    }

    /// <summary>Declares the gradient view of each of a layer's tensors: <c>gw2</c>, <c>gb2</c>, ...</summary>
    private static void WriteGradientViews(SourceWriter writer, NetworkSpec spec, int index)
    {
        foreach (ParameterTensor tensor in spec.Layers[index - 1].Tensors)
        {
            WriteView(writer, spec, index, tensor, gradient: true);
        }
    }

    private static void WriteView(SourceWriter writer, NetworkSpec spec, int index, ParameterTensor tensor, bool gradient)
    {
        string member = spec.Layers[index - 1].Name + tensor.MemberSuffix;
        string local = (gradient ? "g" : string.Empty) + tensor.LocalPrefix + Invariant.Text(index);
        writer.Line(gradient
            ? $"global::System.Span<{spec.Numeric.Keyword()}> {local} = gradients.Slice({member}Offset, {member}Length);"
            : $"global::System.ReadOnlySpan<{spec.Numeric.Keyword()}> {local} = parameters.Slice({member}Offset, {member}Length);");
    }
}
