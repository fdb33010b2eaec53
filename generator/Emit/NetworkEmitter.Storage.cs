using System.Collections.Generic;
using System.Linq;
using GenNN.Generator.Helpers;
using GenNN.Generator.Model;
using GenNN.Generator.Parsing;

namespace GenNN.Generator.Emit;

/// <summary>Constants, the fixed-size parameter, gradient and state buffers, per-layer views, scratch, and initialization.</summary>
internal static partial class NetworkEmitter
{
    private static void WriteConstants(SourceWriter writer, NetworkSpec spec, ScratchLayout layout)
    {
        writer.Line($"/// <summary>The length of the input, shape {spec.InputShape} flattened row-major.</summary>");
        writer.Line($"public const int InputSize = {Invariant.Text(spec.InputSize)};");
        writer.Line();
        writer.Line($"/// <summary>The length of the output, shape {spec.OutputLayer.OutputShape}.</summary>");
        writer.Line($"public const int OutputSize = {Invariant.Text(spec.OutputSize)};");
        writer.Line();
        writer.Line("/// <summary>The number of trainable parameters.</summary>");
        writer.Line($"public const int ParameterCount = {Invariant.Text(spec.ParameterCount)};");
        writer.Line();
        writer.Line("/// <summary>The number of buffer values that training updates but optimizers never touch (BatchNorm's running statistics).</summary>");
        writer.Line($"public const int BufferCount = {Invariant.Text(spec.BufferCount)};");
        writer.Line();
        writer.Line(spec.WeightsPath is null
            ? "/// <summary>The seed the parameterless constructor initializes the weights with (<c>[Network(Seed = ...)]</c>).</summary>"
            : "/// <summary>The seed of <c>[Network(Seed = ...)]</c>, for <c>InitializeParameters(DefaultSeed)</c>: the parameterless constructor copies the compiled-in weights instead of drawing them"
              + (GeneratedMembers.HasDropoutRandom(spec) ? " (and seeds dropout with it)." : ".") + "</summary>");
        writer.Line($"public const long DefaultSeed = {Invariant.Text(spec.Seed)};");
        writer.Line();
        // Public: BatchNorm's documentation tells users to size minibatches by it.
        string scratchLimit = $"{Invariant.Text(NetworkLimits.MaxSampleScratchBytes >> 20)} MiB";
        writer.Line("/// <summary>");
        if (spec.Loss is null)
        {
            writer.Line("/// The number of samples <c>ForwardBatch</c> runs through the layers together, as one block: at most 32, fewer for");
            writer.Line($"/// networks with large activations, so that a block's per-sample scratch stays within {scratchLimit}.");
        }
        else
        {
            writer.Line("/// The number of samples the batch passes (<c>ForwardBatch</c>, <c>EvaluateBatch</c>, <c>TrainBatch</c>,");
            writer.Line("/// <c>AccumulateGradients</c>) run through the layers together, as one block: at most 32, fewer for networks with");
            writer.Line($"/// large activations, so that a block's per-sample scratch stays within {scratchLimit}.");
        }

        if (spec.Loss is not null && spec.BufferCount > 0)
        {
            writer.Line("/// BatchNorm's batch statistics are each block's: a minibatch of at most this many samples is normalized as a whole,");
            writer.Line("/// as PyTorch does, a larger one block by block.");
        }

        writer.Line("/// </summary>");
        writer.Line($"public const int BatchBlockSize = {Invariant.Text(layout.BatchBlockSize)};");

        int parameterOffset = 0;
        int bufferOffset = 0;
        for (int l = 0; l < spec.Layers.Count; l++)
        {
            LayerSpec layer = spec.Layers[l];
            writer.Line();
            writer.Line($"/// <summary>The input length of layer {Invariant.Text(l + 1)} '{layer.Name}', shape {layer.InputShape}.</summary>");
            writer.Line($"public const int {layer.Name}InputSize = {Invariant.Text(layer.InputSize)};");
            writer.Line();
            writer.Line($"/// <summary>The output length of layer {Invariant.Text(l + 1)} '{layer.Name}', shape {layer.OutputShape}.</summary>");
            writer.Line($"public const int {layer.Name}Size = {Invariant.Text(layer.OutputSize)};");
            WriteTensorConstants(writer, layer, layer.Tensors, "Parameters", ref parameterOffset);
            WriteTensorConstants(writer, layer, layer.Buffers, "Buffers", ref bufferOffset);
        }

        writer.Line();
        writer.Line("// Scratch layout (see each pass): per-sample values, then for training the head's output, per-sample regions");
        writer.Line("// and deltas; a block holds BatchBlockSize samples, then per-block regions, then the shared temporary region.");
        foreach ((string name, long value) in layout.Constants())
        {
            writer.Line($"private const int {name} = {Invariant.Text(value)};");
        }

        writer.Line("private const int ForwardScratchLength = InferenceSampleLength + TemporaryLength + OutputSize;");
        writer.Line("private const int InferenceBlockScratchLength = (BatchBlockSize * InferenceSampleLength) + TemporaryLength;");
        if (spec.Loss is not null)
        {
            writer.Line("private const int TrainingScratchLength = (BatchBlockSize * TrainingSampleLength) + BlockScratchLength + TemporaryLength;");
        }

        writer.Line();
    }

    private static void WriteTensorConstants(SourceWriter writer, LayerSpec layer, IReadOnlyList<ParameterTensor> tensors, string span, ref int offset)
    {
        foreach (ParameterTensor tensor in tensors)
        {
            string member = layer.Name + tensor.MemberSuffix;
            writer.Line();
            writer.Line($"/// <summary>Where <see cref=\"{member}\"/> starts in <see cref=\"{span}\"/>.</summary>");
            writer.Line($"public const int {member}Offset = {Invariant.Text(offset)};");
            writer.Line();
            writer.Line($"/// <summary>The length of <see cref=\"{member}\"/>, shape {tensor.Shape}.</summary>");
            writer.Line($"public const int {member}Length = {Invariant.Text(tensor.Length)};");
            offset += tensor.Length;
        }
    }

    private static void WriteStorage(SourceWriter writer, NetworkSpec spec, ScratchLayout layout)
    {
        string t = spec.Numeric.Keyword();
        writer.Line("// Parameters, gradients and buffers start at a 64-byte boundary in every process: the kernels' speed does not depend");
        writer.Line("// on where the allocator put the network.");
        writer.Line($"private readonly global::GenNN.AlignedBuffer<{t}> _parameters = new(ParameterCount);");
        if (spec.Loss is not null)
        {
            writer.Line($"private readonly global::GenNN.AlignedBuffer<{t}> _gradients = new(ParameterCount);");
            if (GeneratedMembers.TracksPendingGradients(spec))
            {
                writer.Line();
                writer.Line("// Whether _gradients may hold anything but zeros (Backward, or a span of them handed out); ApplyGradients and");
                writer.Line("// ZeroGradients clear it. TrainBatch's dense layers step straight from a block's sums only while it is false.");
                writer.Line("private bool _gradientsPending;");
            }
        }

        if (spec.BufferCount > 0)
        {
            writer.Line($"private readonly global::GenNN.AlignedBuffer<{t}> _buffers = new(BufferCount);");
        }

        if (GeneratedMembers.HasDropoutRandom(spec))
        {
            writer.Line();
            writer.Line("// Draws the dropout masks of Backward, TrainStep and TrainBatch; seeded by InitializeParameters.");
            writer.Line("private global::GenNN.SeededRandom _dropoutRandom;");
        }

        bool commented = false;
        foreach ((string lengthConstant, long _) in layout.PooledPasses())
        {
            if (!commented)
            {
                writer.Line();
                writer.Line("// Scratch for the passes too large for the stack, rented per call from a pool per pass: allocation-free once as many");
                writer.Line("// calls have run at once as ever will.");
                commented = true;
            }

            writer.Line($"private static readonly global::GenNN.WorkspacePool<{t}> {ScratchLayout.PoolName(lengthConstant)} = new({lengthConstant});");
        }

        writer.Line();
        writer.Line("/// <summary>All parameters as one contiguous span, layer by layer, each layer's tensors in order (see <see cref=\"Description\"/>).</summary>");
        WriteGeneratedCode(writer);
        writer.Line($"public global::System.Span<{t}> Parameters => _parameters;");
        if (spec.Loss is not null)
        {
            writer.Line();
            writer.Line("/// <summary>The accumulated loss gradient, laid out exactly like <see cref=\"Parameters\"/>.</summary>");
            if (FusesSgdStep(spec))
            {
                writer.Line("/// <remarks>");
                writer.Line("/// Take the span anew after each call that clears the gradients (<c>ApplyGradients</c>, <c>ZeroGradients</c>, <c>TrainStep</c>,");
                writer.Line("/// <c>TrainBatch</c>, <c>InitializeParameters</c>): taking it marks the gradients pending, so that <c>TrainBatch</c> includes");
                writer.Line("/// them; a span taken before such a call is not tracked, and dense weight gradients written through it are left out.");
                writer.Line("/// </remarks>");
                WriteGeneratedCode(writer);
                writer.Line($"public global::System.Span<{t}> Gradients");
                using (writer.Block())
                {
                    writer.Line("get");
                    using (writer.Block())
                    {
                        writer.Line("// Whoever holds the span may write gradients: TrainBatch may no longer assume them zero");
                        writer.Line("_gradientsPending = true;");
                        writer.Line("return _gradients;");
                    }
                }
            }
            else
            {
                WriteGeneratedCode(writer);
                writer.Line($"public global::System.Span<{t}> Gradients => _gradients;");
            }
        }

        writer.Line();
        writer.Line(spec.BufferCount > 0
            ? "/// <summary>The state that training updates but optimizers never touch (BatchNorm's running statistics), layer by layer.</summary>"
            : "/// <summary>The state that training updates but optimizers never touch; this network has none.</summary>");
        WriteGeneratedCode(writer);
        writer.Line(spec.BufferCount > 0 ? $"public global::System.Span<{t}> Buffers => _buffers;" : $"public global::System.Span<{t}> Buffers => default;");

        for (int l = 0; l < spec.Layers.Count; l++)
        {
            LayerSpec layer = spec.Layers[l];
            foreach (ParameterTensor tensor in layer.Tensors)
            {
                string member = layer.Name + tensor.MemberSuffix;
                writer.Line();
                writer.Line($"/// <summary>{tensor.MemberSuffix} of layer {Invariant.Text(l + 1)} '{layer.Name}', shape {tensor.Shape}{tensor.LayoutNote}.</summary>");
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

            foreach (ParameterTensor tensor in layer.Buffers)
            {
                string member = layer.Name + tensor.MemberSuffix;
                writer.Line();
                writer.Line($"/// <summary>Buffer '{tensor.MemberSuffix}' of layer {Invariant.Text(l + 1)} '{layer.Name}', shape {tensor.Shape}, in <see cref=\"Buffers\"/>.</summary>");
                WriteGeneratedCode(writer);
                writer.Line($"public global::System.Span<{t}> {member} => Buffers.Slice({member}Offset, {member}Length);");
            }
        }

        writer.Line();
    }

    private static void WriteInitialization(SourceWriter writer, NetworkSpec spec)
    {
        if (spec.WeightsPath is not null)
        {
            writer.Line($"// Copies the weights of {Xml(spec.WeightsPath)} into Parameters and Buffers; implemented in the weights file.");
            writer.Line($"partial void {GeneratedMembers.CopyTrainedWeights.Signature};");
            writer.Line();

            // Here, not in the weights file: when the file is missing or does not fit, the weights file is not
            // written, and code calling this must still compile, so the weights diagnostic is the build's only error.
            writer.Line("/// <summary>");
            writer.Line($"/// Sets <see cref=\"Parameters\"/> and <see cref=\"Buffers\"/> back to the trained weights compiled in from <c>{Xml(spec.WeightsPath)}</c>, which the");
            writer.Line($"/// parameterless constructor starts from: to undo {(spec.Loss is null ? "a re-initialization or a load" : "training or a re-initialization")}. The values are data in the assembly;");
            writer.Line("/// nothing is read or parsed." + (spec.Loss is null ? string.Empty : " Gradients are zeroed."));
            writer.Line("/// </summary>");
            WriteGeneratedCode(writer);
            writer.Line($"public void {GeneratedMembers.ResetToTrainedWeights.Signature}");
            using (writer.Block())
            {
                writer.Line("CopyTrainedWeights();");
                if (spec.Loss is not null)
                {
                    writer.Line("ZeroGradients();");
                }
            }

            writer.Line();
        }

        if (spec.EmitConstructors && spec.WeightsPath is not null)
        {
            WriteTrainedWeightsConstructor(writer, spec);
        }
        else if (spec.EmitConstructors)
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
        writer.Line($"/// Re-initializes every parameter from <paramref name=\"seed\"/>, deterministically: {InitializationsOf(spec)}"
            + (spec.BufferCount > 0 ? "; resets the running statistics." : ".") + (spec.Loss is null ? string.Empty : " Gradients are zeroed."));
        writer.Line("/// </summary>");
        writer.Line("/// <param name=\"seed\">The seed of the initialization's random sequence.</param>");
        WriteGeneratedCode(writer);
        writer.Line($"public void {GeneratedMembers.InitializeParameters.Signature}");
        using (writer.Block())
        {
            writer.Line("global::GenNN.SeededRandom random = new(seed);");
            foreach (LayerSpec layer in spec.Layers)
            {
                foreach (ParameterTensor tensor in layer.Tensors)
                {
                    WriteTensorInitialization(writer, spec, layer.Name + tensor.MemberSuffix, tensor);
                }
            }

            foreach (LayerSpec layer in spec.Layers)
            {
                foreach (ParameterTensor tensor in layer.Buffers)
                {
                    WriteTensorInitialization(writer, spec, layer.Name + tensor.MemberSuffix, tensor);
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

    /// <summary>
    /// With compiled-in weights, the parameterless constructor starts from them; <c>Network(long seed)</c> still draws
    /// random weights, for training from scratch. The copy is a partial method the weights file implements: when the
    /// weights do not match the network, that file is not generated and the build fails on the weights diagnostic
    /// alone, without a second error here.
    /// </summary>
    private static void WriteTrainedWeightsConstructor(SourceWriter writer, NetworkSpec spec)
    {
        string source = Xml(spec.WeightsPath!);
        writer.Line($"/// <summary>Creates the network with the trained weights compiled in from <c>{source}</c>: no file is read, nothing is computed.</summary>");
        WriteGeneratedCode(writer);
        writer.Line($"public {spec.Type.Name}()");
        using (writer.Block())
        {
            if (GeneratedMembers.HasDropoutRandom(spec))
            {
                writer.Line("_dropoutRandom = new global::GenNN.SeededRandom(DefaultSeed);");
            }

            writer.Line("CopyTrainedWeights();");
        }

        writer.Line();
        writer.Line($"/// <summary>Creates the network with weights initialized randomly from <paramref name=\"seed\"/>, not the trained weights of <c>{source}</c>{(spec.Loss is null ? string.Empty : ": for training from scratch")}.</summary>");
        writer.Line("/// <param name=\"seed\">The seed of the initialization's random sequence.</param>");
        WriteGeneratedCode(writer);
        writer.Line($"public {spec.Type.Name}(long seed) => InitializeParameters(seed);");
        writer.Line();
    }

    /// <summary><paramref name="text"/> (a user's path) escaped for XML documentation, on one line for comments.</summary>
    private static string Xml(string text)
        => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;").Replace('\r', ' ').Replace('\n', ' ');

    /// <summary>The initializations this network's tensors use, in words, for <c>InitializeParameters</c>' summary.</summary>
    private static string InitializationsOf(NetworkSpec spec)
    {
        var used = new HashSet<TensorInitialization>(spec.Layers.SelectMany(layer => layer.Tensors).Select(tensor => tensor.Initialization));
        var phrases = new List<string>();
        if (used.Contains(TensorInitialization.RecurrentUniform))
        {
            phrases.Add("PyTorch's U(−1/√H, 1/√H) for the recurrent layers' weights and biases");
        }

        if (used.Contains(TensorInitialization.HeUniform))
        {
            phrases.Add("He uniform for the weights of ReLU-family layers");
        }

        if (used.Contains(TensorInitialization.GlorotUniform))
        {
            phrases.Add(phrases.Count > 0 ? "Glorot uniform for the other layers' weights" : "Glorot uniform for the weights");
        }

        if (used.Contains(TensorInitialization.Zeros) || used.Contains(TensorInitialization.Ones))
        {
            string biases = used.Contains(TensorInitialization.RecurrentUniform) ? "zeros for the other biases" : "zeros for the biases";
            phrases.Add(used.Contains(TensorInitialization.Ones) ? biases + " and ones for normalization scales" : biases);
        }

        return string.Join(", ", phrases);
    }

    private static void WriteTensorInitialization(SourceWriter writer, NetworkSpec spec, string member, ParameterTensor tensor)
    {
        switch (tensor.Initialization)
        {
            case TensorInitialization.Zeros:
                writer.Line($"{member}.Clear();");
                break;
            case TensorInitialization.Ones:
                writer.Line($"{member}.Fill({spec.Numeric.Literal(1)});");
                break;
            case TensorInitialization.RecurrentUniform:
                writer.Line($"global::GenNN.ParameterInitializer.RecurrentUniform(ref random, {member}, hiddenSize: {Invariant.Text(tensor.FanIn)});");
                break;
            case TensorInitialization.HeUniform:
                writer.Line($"global::GenNN.ParameterInitializer.HeUniform(ref random, {member}, fanIn: {Invariant.Text(tensor.FanIn)});");
                break;
            default:
                writer.Line($"global::GenNN.ParameterInitializer.GlorotUniform(ref random, {member}, fanIn: {Invariant.Text(tensor.FanIn)}, fanOut: {Invariant.Text(tensor.FanOut)});");
                break;
        }
    }

    /// <summary>
    /// Declares <c>scratch</c>, a pass's working memory of <paramref name="length"/> values: from the stack when small,
    /// else rented from the pass's pool (<see cref="ScratchLayout.PoolName"/>), in a <c>try</c> whose <c>finally</c> the returned scope writes.
    /// </summary>
    private static System.IDisposable WriteScratch(SourceWriter writer, NetworkSpec spec, ScratchLayout layout, string lengthConstant, long length)
    {
        string t = spec.Numeric.Keyword();
        if (layout.FitsStack(length))
        {
            writer.Line($"global::System.Span<{t}> scratch = stackalloc {t}[{lengthConstant}];");
            return new RentedScratch(writer: null, inner: null, pool: null);
        }

        string pool = ScratchLayout.PoolName(lengthConstant);
        writer.Line($"{t}[] workspace = {pool}.Rent(); // {Invariant.Text(length * layout.BytesPerValue)} bytes: too many for the stack");
        writer.Line("try");
        SourceWriter.Scope inner = writer.Block();
        writer.Line($"global::System.Span<{t}> scratch = new(workspace, 0, {lengthConstant});");
        return new RentedScratch(writer, inner, pool);
    }

    /// <summary>Closes the <c>try</c> around a pass that rented its scratch, and returns the array in <c>finally</c>.</summary>
    private sealed class RentedScratch(SourceWriter? writer, SourceWriter.Scope? inner, string? pool) : System.IDisposable
    {
        public void Dispose()
        {
            if (writer is null)
            {
                return;
            }

            inner!.Value.Dispose();
            writer.Line("finally");
            using (writer.Block())
            {
                writer.Line($"{pool}.Return(workspace);");
            }
        }
    }

    /// <summary>
    /// Declares the regions of a block pass's <c>scratch</c>, in <see cref="ScratchLayout"/>'s order: <c>block</c> (the
    /// samples' regions), for training <c>blockScratch</c>, then <c>temporary</c>; the ones the network has.
    /// </summary>
    private static void WriteBlockRegions(SourceWriter writer, NetworkSpec spec, ScratchLayout layout, bool training)
    {
        string t = spec.Numeric.Keyword();
        string samples = $"BatchBlockSize * {ScratchLayout.SampleStride(training)}";
        writer.Line($"global::System.Span<{t}> block = scratch.Slice(0, {samples});");
        if (training && layout.BlockScratchLength > 0)
        {
            writer.Line($"global::System.Span<{t}> blockScratch = scratch.Slice({samples}, BlockScratchLength);");
        }

        if (layout.TemporaryLength > 0)
        {
            writer.Line(training
                ? $"global::System.Span<{t}> temporary = scratch.Slice(({samples}) + BlockScratchLength, TemporaryLength);"
                : $"global::System.Span<{t}> temporary = scratch.Slice({samples}, TemporaryLength);");
        }
    }

    /// <summary>Declares the read-only view of every layer's tensors (<c>wLayer2</c>, <c>bLayer2</c>, ...) and, with <paramref name="gradients"/>, their gradients.</summary>
    private static void WriteParameterViews(SourceWriter writer, NetworkSpec spec, bool gradients)
    {
        string t = spec.Numeric.Keyword();
        writer.Line($"global::System.ReadOnlySpan<{t}> parameters = _parameters;");
        for (int l = 0; l < spec.Layers.Count; l++)
        {
            LayerSpec layer = spec.Layers[l];
            foreach (ParameterTensor tensor in layer.Tensors)
            {
                string member = layer.Name + tensor.MemberSuffix;
                string local = Layers.LayerContext.LocalOf(layer, tensor);
                writer.Line($"global::System.ReadOnlySpan<{t}> {local} = parameters.Slice({member}Offset, {member}Length);");
                if (gradients)
                {
                    writer.Line($"global::System.Span<{t}> g{local} = gradients.Slice({member}Offset, {member}Length);");
                }
            }
        }
    }
}
