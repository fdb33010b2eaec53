using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using GenNN.Generator.Diagnostics;
using GenNN.Generator.Emit;
using GenNN.Generator.Helpers;
using GenNN.Generator.Layers;
using GenNN.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GenNN.Generator.Parsing;

/// <summary>
/// Turns a class marked <c>[Network]</c> into a <see cref="NetworkSpec"/>, or into diagnostics. The only code
/// that touches symbols and syntax; everything it returns is plain values. It never throws on bad input: every
/// problem becomes a diagnostic at the narrowest location that shows it.
/// </summary>
internal static class NetworkParser
{
    private const LanguageVersion MinimumLanguageVersion = LanguageVersion.CSharp12;

    public static ParseResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var diagnostics = new List<Diagnostic>();
        var spec = Parse(context, diagnostics, cancellationToken);
        Location? weights = spec?.WeightsPath is null ? null : AttributeReader.Create(context.Attributes[0], cancellationToken)?.NamedLocation("Weights");
        return new ParseResult(diagnostics.Count == 0 ? spec : null, diagnostics.ToImmutableArray(), weights);
    }

    private static NetworkSpec? Parse(GeneratorAttributeSyntaxContext context, List<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        if (context.TargetSymbol is not INamedTypeSymbol type || context.TargetNode is not TypeDeclarationSyntax declaration)
        {
            return null;
        }

        AttributeReader? network = context.Attributes.Length == 1
            ? AttributeReader.Create(context.Attributes[0], cancellationToken)
            : null;
        if (network is null || !IsFirstNetworkDeclaration(type, declaration))
        {
            // [Network] twice (CS0579 already reports it): parse the first declaration only, so no source is added twice.
            return null;
        }

        TypeHierarchySpec? hierarchy = ParseHierarchy(type, declaration, diagnostics);
        CheckLanguageVersion(declaration, network, diagnostics);
        NumericType numeric = ParseNetworkAttribute(network, diagnostics);

        List<AttributeReader> attributes = ReadNetworkAttributes(type, declaration, diagnostics, out HashSet<string> rejected, cancellationToken);
        AttributeReader? input = null;
        AttributeReader? loss = null;
        AttributeReader? optimizer = null;
        var layers = new List<(AttributeReader Attribute, ILayerParser Parser)>();
        foreach (AttributeReader attribute in attributes)
        {
            if (attribute.MetadataName == KnownNames.InputAttribute)
            {
                input ??= attribute;
                if (layers.Count > 0)
                {
                    // The first layer goes along so the code fix knows where [Input] belongs without knowing the layer kinds.
                    diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.InputAfterLayer, attribute.Location, additionalLocations: new[] { layers[0].Attribute.Location }));
                }
            }
            else if (attribute.MetadataName == KnownNames.LossAttribute)
            {
                loss ??= attribute;
            }
            else if (attribute.MetadataName == KnownNames.OptimizerAttribute)
            {
                optimizer ??= attribute;
            }
            else
            {
                layers.Add((attribute, LayerCatalog.ParserFor(attribute.MetadataName)!));
            }
        }

        // An [Input] or a layer already reported as malformed or misplaced is not also missing.
        TensorShape? inputShape = input is null && rejected.Contains(KnownNames.InputAttribute) ? null : ParseInput(type, network, input, diagnostics);
        if (layers.Count == 0 && !rejected.Any(name => LayerCatalog.ParserFor(name) is not null))
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.NoLayers, network.Location, type.Name));
        }

        // Shape inference: each layer is parsed for the shape the previous one produces. A layer that fails stops it,
        // since the shapes after it are unknown; the remaining attributes are still checked for what needs no shape.
        var specs = ImmutableArray.CreateBuilder<LayerSpec>(layers.Count);
        var owners = new List<(AttributeReader Attribute, int Index)>(layers.Count);
        TensorShape? shape = inputShape;
        for (int i = 0; i < layers.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (shape is null)
            {
                // The input or an earlier layer failed, so this one's input shape is unknown: still report what needs no shape.
                var unknownShape = new List<Diagnostic>();
                layers[i].Parser.Parse(layers[i].Attribute, i + 1, TensorShape.Of(1), unknownShape);
                diagnostics.AddRange(unknownShape.Where(diagnostic => !ShapeDependentIds.Contains(diagnostic.Id)));
                continue;
            }

            IReadOnlyList<LayerSpec>? parsed = layers[i].Parser.Parse(layers[i].Attribute, i + 1, shape, diagnostics);
            if (parsed is null || IsTooLarge(parsed, layers[i].Attribute, i + 1, diagnostics))
            {
                shape = null;
                continue;
            }

            foreach (LayerSpec layer in parsed)
            {
                specs.Add(layer);
                owners.Add((layers[i].Attribute, i + 1));
            }

            shape = parsed[parsed.Count - 1].OutputShape;
        }

        bool complete = shape is not null && specs.Count > 0;
        if (complete)
        {
            // The first layer that computes reads the network's input, whose gradient nothing needs.
            for (int l = 0; l < specs.Count; l++)
            {
                if (!specs[l].AliasesInput(isOutputLayer: l == specs.Count - 1))
                {
                    specs[l] = specs[l].AsFirstComputingLayer();
                    break;
                }
            }

            CheckPlacement(specs, owners, diagnostics);
            CheckSettingsFit(specs, owners, numeric, diagnostics);
            CheckSignalAxes(specs, owners, diagnostics);
            if (specs.All(layer => layer.ParameterCount == 0))
            {
                // The parameter storage is a fixed-size buffer, which cannot be empty; and nothing would train.
                diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.NoParameters, network.Location, type.Name));
            }
        }

        LayerSpec? outputLayer = complete ? specs[specs.Count - 1] : null;
        LossKind? lossKind = ParseLoss(loss, outputLayer, specs.Count, diagnostics);
        OptimizerSpec? optimizerSpec = OptimizerParser.Parse(optimizer, trainable: loss is not null, diagnostics);
        bool emitConstructors = type.InstanceConstructors.All(constructor => constructor.IsImplicitlyDeclared);
        NetworkSpec? spec = complete && hierarchy is not null
            ? new NetworkSpec(hierarchy, numeric, network.Named("Seed", 0L), inputShape!, new EquatableArray<LayerSpec>(specs.ToImmutable()), lossKind, optimizerSpec, emitConstructors)
            {
                WeightsPath = network.Named<string?>("Weights", null),
                ClassHasOwnSummary = HasOwnSummary(type),
            }
            : null;
        if (complete)
        {
            CheckMemberNames(type, declaration, specs, owners.Select(owner => owner.Attribute).ToList(), diagnostics);
        }

        if (spec is not null)
        {
            CheckClassMembers(type, declaration, spec, context.SemanticModel, diagnostics);
        }

        if (diagnostics.Count > 0 || spec is null)
        {
            return null;
        }

        if (emitConstructors && !HasParameterlessBaseConstructor(type))
        {
            diagnostics.Add(Diagnostic.Create(
                DiagnosticDescriptors.BaseWithoutParameterlessConstructor,
                declaration.Identifier.GetLocation(),
                type.Name,
                type.BaseType!.Name));
            return null;
        }

        CheckSize(spec, diagnostics, network);
        return diagnostics.Count > 0 ? null : spec;
    }

    /// <summary>
    /// Whether the base class has a constructor the generated ones can chain to without arguments: one with no
    /// parameters (or only optional ones) that is not private.
    /// </summary>
    private static bool HasParameterlessBaseConstructor(INamedTypeSymbol type)
        => type.BaseType is not { } baseType
           || baseType.InstanceConstructors.Any(constructor
               => constructor.DeclaredAccessibility != Accessibility.Private && constructor.Parameters.All(parameter => parameter.IsOptional || parameter.IsParams));

    /// <summary>Diagnostics that depend on a layer's input shape: meaningless once an earlier layer failed.</summary>
    private static readonly string[] ShapeDependentIds =
    {
        DiagnosticDescriptors.IncompatibleInputShapeId, DiagnosticDescriptors.EmptyOutputId, DiagnosticDescriptors.NetworkTooLargeId,
    };

    private static bool IsFirstNetworkDeclaration(INamedTypeSymbol type, TypeDeclarationSyntax declaration)
    {
        foreach (AttributeData attribute in type.GetAttributes())
        {
            if (attribute.AttributeClass?.ToDisplayString() == KnownNames.NetworkAttribute)
            {
                return attribute.ApplicationSyntaxReference?.SyntaxTree == declaration.SyntaxTree
                    && declaration.Span.Contains(attribute.ApplicationSyntaxReference.Span);
            }
        }

        return false;
    }

    private static TypeHierarchySpec? ParseHierarchy(INamedTypeSymbol type, TypeDeclarationSyntax declaration, List<Diagnostic> diagnostics)
    {
        Location nameLocation = declaration.Identifier.GetLocation();
        int errors = diagnostics.Count;
        if (!declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.NotPartial, nameLocation, type.Name));
        }

        string? unsupported = type.IsStatic ? "static"
            : type.TypeParameters.Length > 0 ? "generic"
            : type.IsRecord ? "a record (record equality would compare the inline parameter buffers, which the runtime forbids)"
            : type.IsFileLocal ? "file-local (the generated part, in another file, would declare a different class)"
            : BaseNetwork(type) is INamedTypeSymbol baseNetwork ? $"derived from network '{baseNetwork.Name}' (each network owns its generated members)"
            : null;
        if (unsupported is not null)
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.UnsupportedNetworkType, nameLocation, type.Name, unsupported));
        }

        var containing = new List<ContainingTypeSpec>();
        for (INamedTypeSymbol? outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            string? problem = outer.TypeParameters.Length > 0 ? "generic"
                : outer.IsFileLocal ? "file-local"
                : outer.TypeKind is not (TypeKind.Class or TypeKind.Struct) ? "an " + outer.TypeKind.ToString().ToLowerInvariant()
                : !IsPartial(outer) ? "not partial"
                : null;
            if (problem is not null)
            {
                diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.UnsupportedContainingType, nameLocation, type.Name, outer.Name, problem));
                continue;
            }

            string keyword = outer.IsRecord ? (outer.TypeKind == TypeKind.Struct ? "record struct" : "record")
                : outer.TypeKind == TypeKind.Struct ? "struct" : "class";
            containing.Insert(0, new ContainingTypeSpec(keyword, Identifiers.Escape(outer.Name)));
        }

        if (diagnostics.Count != errors)
        {
            return null;
        }

        var namespaces = new List<string>();
        for (INamespaceSymbol? ns = type.ContainingNamespace; ns is { IsGlobalNamespace: false }; ns = ns.ContainingNamespace)
        {
            namespaces.Insert(0, ns.Name);
        }

        // The hint name uses the names unescaped: AddSource rejects '@'.
        var hint = new System.Text.StringBuilder();
        foreach (string name in namespaces.Concat(OuterNames(type)))
        {
            hint.Append(name).Append('.');
        }

        hint.Append(type.Name).Append(".GenNN.g.cs");
        return new TypeHierarchySpec(
            string.Join(".", namespaces.Select(Identifiers.Escape)),
            Identifiers.Escape(type.Name),
            new EquatableArray<ContainingTypeSpec>(containing.ToImmutableArray()),
            hint.ToString());
    }

    private static IEnumerable<string> OuterNames(INamedTypeSymbol type)
    {
        var names = new List<string>();
        for (INamedTypeSymbol? outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            names.Insert(0, outer.Name);
        }

        return names;
    }

    private static INamedTypeSymbol? BaseNetwork(INamedTypeSymbol type)
    {
        for (INamedTypeSymbol? ancestor = type.BaseType; ancestor is not null; ancestor = ancestor.BaseType)
        {
            if (ancestor.GetAttributes().Any(attribute => attribute.AttributeClass?.ToDisplayString() == KnownNames.NetworkAttribute))
            {
                return ancestor;
            }
        }

        return null;
    }

    private static bool IsPartial(INamedTypeSymbol type)
        => type.DeclaringSyntaxReferences.Length > 0
           && type.DeclaringSyntaxReferences.All(reference => reference.GetSyntax() is TypeDeclarationSyntax syntax && syntax.Modifiers.Any(SyntaxKind.PartialKeyword));

    private static void CheckLanguageVersion(TypeDeclarationSyntax declaration, AttributeReader network, List<Diagnostic> diagnostics)
    {
        if (declaration.SyntaxTree.Options is CSharpParseOptions options && options.LanguageVersion < MinimumLanguageVersion)
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.LanguageVersionTooLow, network.Location, options.LanguageVersion.ToDisplayString()));
        }
    }

    private static NumericType ParseNetworkAttribute(AttributeReader network, List<Diagnostic> diagnostics)
    {
        if (network.MalformedReason is string reason)
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.MalformedAttribute, network.Location, network.ShortName, reason));
            return NumericType.Single;
        }

        int precision = network.Argument("precision", 0);
        if (!EnumValues.IsDefined<NumericType>(precision))
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.UndefinedEnumValue, network.ArgumentLocation("precision"), Invariant.Text(precision), "Precision", EnumValues.UserFacingNames<NumericType>()));
        }

        return (NumericType)precision;
    }

    /// <summary>
    /// The declaration's GenNN attributes in source order. Attributes of the network placed on another partial
    /// declaration are reported (GNN0010): their order relative to this one is up to the compiler, not the user.
    /// <paramref name="rejected"/> gets the metadata names of those and of the malformed ones (GNN0011).
    /// </summary>
    private static List<AttributeReader> ReadNetworkAttributes(
        INamedTypeSymbol type, TypeDeclarationSyntax declaration, List<Diagnostic> diagnostics, out HashSet<string> rejected, CancellationToken cancellationToken)
    {
        rejected = new HashSet<string>();
        var attributes = new List<AttributeReader>();
        foreach (AttributeData data in type.GetAttributes())
        {
            if (AttributeReader.Create(data, cancellationToken) is not AttributeReader reader
                || !(reader.MetadataName is KnownNames.InputAttribute or KnownNames.LossAttribute or KnownNames.OptimizerAttribute
                     || LayerCatalog.ParserFor(reader.MetadataName) is not null))
            {
                continue;
            }

            if (reader.Syntax.SyntaxTree != declaration.SyntaxTree || !declaration.Span.Contains(reader.Syntax.Span))
            {
                diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.LayersSplitAcrossPartials, reader.Location, type.Name, reader.ShortName));
                rejected.Add(reader.MetadataName);
                continue;
            }

            if (reader.MalformedReason is string reason)
            {
                diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.MalformedAttribute, reader.Location, reader.ShortName, reason));
                rejected.Add(reader.MetadataName);
                continue;
            }

            attributes.Add(reader);
        }

        attributes.Sort((left, right) => left.Syntax.SpanStart.CompareTo(right.Syntax.SpanStart));
        return attributes;
    }

    /// <summary>
    /// The <c>[Input]</c> shape; <see langword="null"/> after a diagnostic, so that the layers are then checked only
    /// for what needs no shape (checked against a stand-in shape, each would report it as the wrong input).
    /// </summary>
    private static TensorShape? ParseInput(INamedTypeSymbol type, AttributeReader network, AttributeReader? input, List<Diagnostic> diagnostics)
    {
        if (input is null)
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.MissingInput, network.Location, type.Name));
            return null;
        }

        int[] dimensions = input.IntegerArray("shape") ?? System.Array.Empty<int>();
        string written = "[" + string.Join(", ", dimensions.Select(Invariant.Text)) + "]";
        if (dimensions.Length is 0 or > 3)
        {
            diagnostics.Add(Diagnostic.Create(
                DiagnosticDescriptors.InvalidInputShape, input.Location, written, "give one to three dimensions: [N] a vector, [C, L] a signal or [T, F] a sequence, [C, H, W] an image"));
            return null;
        }

        for (int d = 0; d < dimensions.Length; d++)
        {
            if (dimensions[d] <= 0)
            {
                diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.NonPositiveSize, input.PositionalArgumentLocation(d), "Input size", Invariant.Text(dimensions[d])));
                return null;
            }
        }

        TensorShape shape = TensorShape.Of(dimensions);
        if (shape.LongLength > int.MaxValue)
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.InvalidInputShape, input.Location, written, "it has more than 2^31 values"));
            return null;
        }

        return shape;
    }

    /// <summary>
    /// GNN0022 for a real setting (an epsilon, ELU's alpha) that the parsers accepted as a finite double but that the
    /// network's float code cannot hold: beyond float's range it would be infinite (and its literal no float), and an
    /// epsilon below float's smallest value would be 0, which divides by zero. (Other settings that round to 0, a
    /// negative slope or a dropout rate, mean what 0 means.) Reported on the setting, naming the layer its attribute
    /// declares.
    /// </summary>
    private static void CheckSettingsFit(ImmutableArray<LayerSpec>.Builder layers, List<(AttributeReader Attribute, int Index)> owners, NumericType numeric, List<Diagnostic> diagnostics)
    {
        if (numeric != NumericType.Single)
        {
            return;
        }

        for (int i = 0; i < layers.Count; i++)
        {
            foreach (LayerSetting setting in layers[i].Settings)
            {
                float single = (float)setting.Value;
                string? problem = float.IsInfinity(single) && !double.IsInfinity(setting.Value) ? "beyond float's range, so it would be infinite"
                    : single == 0 && setting.Value != 0 && setting.Name == "Epsilon" ? "below float's smallest value, so it would be 0"
                    : null;
                if (problem is not null)
                {
                    (AttributeReader attribute, int index) = owners[i];
                    LayerDiagnostics.InvalidSetting(
                        attribute.NamedLocation(setting.Name),
                        index,
                        layers[owners.FindIndex(owner => owner.Index == index)].Name,
                        $"{setting.Name} = {Invariant.Text(setting.Value)} is {problem} in a float network; use a value float holds, or [Network(Precision.Double)]",
                        diagnostics);
                }
            }
        }
    }

    /// <summary>
    /// GNN0038 for a layer that reads a two-axis value in the other axis order than the layer that wrote it
    /// (<see cref="SignalAxes"/>): the shapes fit, the meaning does not. The network's input has no known order.
    /// </summary>
    private static void CheckSignalAxes(ImmutableArray<LayerSpec>.Builder layers, List<(AttributeReader Attribute, int Index)> owners, List<Diagnostic> diagnostics)
    {
        SignalAxes? axes = null;
        int writer = -1;
        for (int i = 0; i < layers.Count; i++)
        {
            LayerSpec layer = layers[i];
            if (layer.ReadsAxes is SignalAxes wanted && axes is SignalAxes given && wanted != given)
            {
                (AttributeReader attribute, int index) = owners[i];
                diagnostics.Add(Diagnostic.Create(
                    DiagnosticDescriptors.SignalAxesMismatch,
                    attribute.Location,
                    Invariant.Text(index),
                    layer.Name,
                    layer.KindName,
                    wanted.Describe(),
                    Invariant.Text(owners[writer].Index),
                    layers[writer].Name,
                    layers[writer].KindName,
                    given.Describe(),
                    given == SignalAxes.ChannelsFirst ? "channels" : "units of each step",
                    wanted == SignalAxes.StepsFirst ? "steps" : "positions",
                    layers[writer].WritesAxes(null) is null
                        ? "remove that transpose, or add another"
                        : "put [Transpose] between them (PyTorch's x.transpose(1, 2))"));
                return;
            }

            // The writer is the layer that set the order: one that always writes its own (a convolution, a recurrent
            // sequence) or one that changed it (a transpose), not one that passes it on (an activation, a norm).
            SignalAxes? written = layer.WritesAxes(axes);
            if (written is not null && (layer.WritesAxes(null) is not null || written != axes))
            {
                writer = i;
            }

            axes = written;
        }
    }

    /// <summary>Softmax only as the output activation (GNN0007) and over more than one value (GNN0037); dropout never on the output (GNN0018).</summary>
    private static void CheckPlacement(ImmutableArray<LayerSpec>.Builder layers, List<(AttributeReader Attribute, int Index)> owners, List<Diagnostic> diagnostics)
    {
        for (int i = 0; i < layers.Count; i++)
        {
            bool last = i == layers.Count - 1;
            (AttributeReader attribute, int index) = owners[i];
            Location activationLocation = attribute.ArgumentLocation(attribute.MetadataName == KnownNames.ActivationAttribute ? "function" : "activation");
            if (!layers[i].Activation.IsElementwise && !last)
            {
                diagnostics.Add(Diagnostic.Create(
                    DiagnosticDescriptors.SoftmaxNotLast,
                    activationLocation,
                    Invariant.Text(index),
                    layers[i].Name,
                    Invariant.Text(owners[owners.Count - 1].Index)));
            }
            else if (!layers[i].Activation.IsElementwise && layers[i].OutputShape.LongLength == 1)
            {
                diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.SoftmaxOverOneOutput, activationLocation, Invariant.Text(index), layers[i].Name));
            }

            if (last && layers[i].DrawsRandom)
            {
                Location location = attribute.MetadataName == KnownNames.DropoutAttribute ? attribute.Location : attribute.NamedLocation(DropoutRates.DropoutProperty);
                diagnostics.Add(Diagnostic.Create(
                    DiagnosticDescriptors.InvalidDropout,
                    location,
                    Invariant.Text(index),
                    "is not allowed on the output layer: dropping outputs would corrupt the loss, not regularize"));
            }
        }
    }

    private static LossKind? ParseLoss(AttributeReader? loss, LayerSpec? outputLayer, int outputIndex, List<Diagnostic> diagnostics)
    {
        if (loss is null)
        {
            return null;
        }

        int value = loss.Argument("function", 0);
        if (!EnumValues.IsDefined<LossKind>(value))
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.UndefinedEnumValue, loss.ArgumentLocation("function"), Invariant.Text(value), "LossFunction", EnumValues.NamesOf<LossKind>()));
            return null;
        }

        var kind = (LossKind)value;
        if (outputLayer is not null && RequiredActivation(kind) is ActivationKind activation && outputLayer.Activation.Kind != activation)
        {
            diagnostics.Add(Diagnostic.Create(
                DiagnosticDescriptors.LossActivationMismatch,
                loss.ArgumentLocation("function"),
                additionalLocations: null,
                properties: ImmutableDictionary<string, string?>.Empty.Add(DiagnosticDescriptors.FittingLossesProperty, FittingLosses(outputLayer.Activation.Kind)),
                kind,
                activation,
                Invariant.Text(outputIndex),
                outputLayer.Name,
                outputLayer.Activation.Kind));
        }

        return kind;
    }

    /// <summary>The output activation <paramref name="loss"/> is fused with, or <see langword="null"/> for a loss that fits any output.</summary>
    private static ActivationKind? RequiredActivation(LossKind loss) => loss switch
    {
        LossKind.BinaryCrossEntropy => ActivationKind.Sigmoid,
        LossKind.CrossEntropy => ActivationKind.Softmax,
        _ => null,
    };

    /// <summary>The losses that fit an <paramref name="output"/> activation, comma-separated, the one fused with it first.</summary>
    private static string FittingLosses(ActivationKind output)
        => string.Join(",", EnumValues.All<LossKind>()
            .Where(loss => RequiredActivation(loss) is not ActivationKind required || required == output)
            .OrderBy(loss => RequiredActivation(loss) is null)
            .Select(loss => loss.ToString()));

    /// <summary>
    /// Reports generated members that would be declared twice, or named like the class (GNN0017). Against every name a
    /// network may get, so that adding a loss, dropout or a weights file never makes a layer name clash.
    /// </summary>
    private static void CheckMemberNames(
        INamedTypeSymbol type, TypeDeclarationSyntax declaration, ImmutableArray<LayerSpec>.Builder layers, List<AttributeReader> attributes, List<Diagnostic> diagnostics)
    {
        var owners = new Dictionary<string, string>();
        foreach (string member in GeneratedMembers.OfNetwork)
        {
            owners[member] = NetworkItself;
        }

        for (int i = 0; i < layers.Count; i++)
        {
            string layer = LayerOwner(i, layers[i]);
            foreach (string member in GeneratedMembers.OfLayer(layers[i]))
            {
                if (owners.TryGetValue(member, out string? owner))
                {
                    diagnostics.Add(Diagnostic.Create(
                        DiagnosticDescriptors.MemberNameCollision, attributes[i].NamedLocation(LayerNames.NameProperty), "A member of " + layer, member, owner, "the layer or the class"));
                    break;
                }

                owners.Add(member, layer);
            }
        }

        if (owners.TryGetValue(type.Name, out string? clash))
        {
            diagnostics.Add(Diagnostic.Create(
                DiagnosticDescriptors.MemberNameCollision, declaration.Identifier.GetLocation(), "The network class", type.Name, "a generated member of " + clash, "the layer or the class"));
        }
    }

    /// <summary>
    /// GNN0017 for a member the class declares or inherits under a name this network gets (<see cref="GeneratedMembers.Of"/>,
    /// and its layers' members). Generated code is not part of the compilation the generator reads, so the compiler would
    /// report the clash only in generated code: CS0102 or CS0111 for a member of the class, CS0108 or CS0114 (errors with
    /// warnings as errors) for one it hides. A method may overload a generated method, but not repeat its parameters.
    /// </summary>
    private static void CheckClassMembers(INamedTypeSymbol type, TypeDeclarationSyntax declaration, NetworkSpec spec, SemanticModel semanticModel, List<Diagnostic> diagnostics)
    {
        var owners = new Dictionary<string, string>();
        foreach (string member in GeneratedMembers.Of(spec))
        {
            owners[member] = NetworkItself;
        }

        for (int l = 0; l < spec.Layers.Count; l++)
        {
            foreach (string member in GeneratedMembers.OfLayer(spec.Layers[l]))
            {
                // A name two layers share is reported already (CheckMemberNames): the first keeps it.
                if (!owners.ContainsKey(member))
                {
                    owners.Add(member, LayerOwner(l, spec.Layers[l]));
                }
            }
        }

        ILookup<string, GeneratedMethod> methods = GeneratedMembers.MethodsOf(spec).ToLookup(method => method.Name);
        foreach (ISymbol declared in type.GetMembers())
        {
            if (ClashingOwner(declared, declaredByClass: true, type, owners, methods) is string owner)
            {
                bool sameSignature = declared is IMethodSymbol && methods.Contains(declared.Name);
                diagnostics.Add(Diagnostic.Create(
                    DiagnosticDescriptors.MemberNameCollision,
                    declared.Locations.FirstOrDefault(location => location.IsInSource) ?? declaration.Identifier.GetLocation(),
                    "A member GenNN generates for " + owner,
                    declared.Name,
                    sameSignature ? "a method the class declares with the same parameters" : "a member the class declares",
                    sameSignature ? "that method, or change its parameters" : owner != NetworkItself ? "that member, or the layer" : "that member"));
            }
        }

        // Object's members are named like none of these: the walk stops before it.
        var reported = new HashSet<string>();
        for (INamedTypeSymbol? ancestor = type.BaseType; ancestor is { SpecialType: not SpecialType.System_Object }; ancestor = ancestor.BaseType)
        {
            foreach (ISymbol inherited in ancestor.GetMembers())
            {
                // A generic method or type is hidden by no member of another arity (no CS0108): only the class's own clash.
                if (inherited is not (IMethodSymbol { Arity: > 0 } or INamedTypeSymbol { Arity: > 0 })
                    && semanticModel.Compilation.IsSymbolAccessibleWithin(inherited, type)
                    && ClashingOwner(inherited, declaredByClass: false, type, owners, methods) is string owner
                    && reported.Add(inherited.Name))
                {
                    diagnostics.Add(Diagnostic.Create(
                        DiagnosticDescriptors.MemberNameCollision,
                        BaseTypeLocation(type, declaration, semanticModel),
                        "A member GenNN generates for " + owner,
                        inherited.Name,
                        $"a member the network inherits from '{ancestor.Name}'",
                        owner != NetworkItself
                            ? $"that member in '{ancestor.Name}' or the layer, or do not derive the network from '{ancestor.Name}'"
                            : $"that member in '{ancestor.Name}', or do not derive the network from it"));
                }
            }
        }
    }

    /// <summary>
    /// Who generates a member of <paramref name="member"/>'s name, when the two would clash: any member of that name, but
    /// a method that overloads the generated methods of its name (its parameters differ from each one's), and a generic
    /// type beside the generated struct <c>State</c> (a type's arity is part of its name only among types:
    /// <c>InputSize&lt;T&gt;</c> still clashes with the constant). <paramref name="declaredByClass"/>: the member is the
    /// class's own, not inherited, so a simple name in its parameters reads as the class reads it.
    /// </summary>
    private static string? ClashingOwner(
        ISymbol member, bool declaredByClass, INamedTypeSymbol type, Dictionary<string, string> owners, ILookup<string, GeneratedMethod> methods)
    {
        if (member.IsImplicitlyDeclared || member is IMethodSymbol { MethodKind: not MethodKind.Ordinary }
            || member is INamedTypeSymbol { Arity: > 0, Name: GeneratedMembers.StateType }
            || !owners.TryGetValue(member.Name, out string? owner))
        {
            return null;
        }

        if (member is IMethodSymbol method && methods.Contains(member.Name))
        {
            return methods[member.Name].Any(generated => HasParameters(method, declaredByClass, generated, type)) ? owner : null;
        }

        return owner;
    }

    /// <summary>
    /// Whether <paramref name="method"/> takes <paramref name="generated"/>'s parameters, so that the two cannot overload:
    /// the same types, each passed by reference or not alike (<c>ref</c> against <c>out</c> is no overload either, CS0663).
    /// </summary>
    private static bool HasParameters(IMethodSymbol method, bool declaredByClass, GeneratedMethod generated, INamedTypeSymbol type)
    {
        if (method.Arity != 0 || method.Parameters.Length != generated.Parameters.Count)
        {
            return false;
        }

        for (int p = 0; p < method.Parameters.Length; p++)
        {
            IParameterSymbol declared = method.Parameters[p];
            if ((declared.RefKind != RefKind.None) != generated.Parameters[p].ByRef || TypeName(declared, declaredByClass, type) != generated.Parameters[p].Type)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// A parameter's type written as <see cref="GeneratedParameter.Type"/> writes it. The network's state struct is
    /// generated, so the compilation the generator reads knows it by name only (an error type), as the class's own, or
    /// as an outer type of the same name; in the built class's own methods the simple name <c>State</c> means the
    /// generated struct (in a base class's, that scope's type of the name).
    /// </summary>
    private static string TypeName(IParameterSymbol parameter, bool declaredByClass, INamedTypeSymbol type)
    {
        ITypeSymbol parameterType = parameter.Type;
        bool namesTheState = declaredByClass && parameter.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax() is ParameterSyntax { Type: IdentifierNameSyntax { Identifier.ValueText: GeneratedMembers.StateType } };
        if (namesTheState)
        {
            return GeneratedMembers.StateType;
        }

        return parameterType.TypeKind == TypeKind.Error || (parameterType is INamedTypeSymbol { Arity: 0 } && SymbolEqualityComparer.Default.Equals(parameterType.ContainingType, type))
            ? parameterType.Name
            : parameterType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
    }

    /// <summary>Where a clash with an inherited member is reported: the base class in this declaration's base list, else the class name (as GNN0036).</summary>
    private static Location BaseTypeLocation(INamedTypeSymbol type, TypeDeclarationSyntax declaration, SemanticModel semanticModel)
    {
        foreach (BaseTypeSyntax baseType in declaration.BaseList?.Types ?? default)
        {
            if (SymbolEqualityComparer.Default.Equals(semanticModel.GetTypeInfo(baseType.Type).Type, type.BaseType))
            {
                return baseType.GetLocation();
            }
        }

        return declaration.Identifier.GetLocation();
    }

    /// <summary>
    /// Whether a declaration of <paramref name="type"/> gives it a summary: its documentation comment (parsed as one
    /// whenever the compiler writes documentation; the last, the one the compiler keeps) holds a <c>summary</c>, or an
    /// <c>inheritdoc</c> or <c>include</c> that brings one.
    /// </summary>
    private static bool HasOwnSummary(INamedTypeSymbol type)
        => type.DeclaringSyntaxReferences.Any(reference => reference.GetSyntax().GetLeadingTrivia()
            .Select(trivia => trivia.GetStructure())
            .OfType<DocumentationCommentTriviaSyntax>()
            .LastOrDefault()?.Content
            .Any(node => (node switch
            {
                XmlElementSyntax element => element.StartTag.Name.LocalName.ValueText,
                XmlEmptyElementSyntax empty => empty.Name.LocalName.ValueText,
                _ => null,
            }) is "summary" or "inheritdoc" or "include") == true);

    /// <summary>The owner of the members every network has, in GNN0017's messages.</summary>
    private const string NetworkItself = "the network itself";

    /// <summary>The owner of a layer's members, in GNN0017's messages: <c>layer 2 'Hidden'</c> for the layer at <paramref name="l"/> (from 0).</summary>
    private static string LayerOwner(int l, LayerSpec layer) => $"layer {Invariant.Text(l + 1)} '{layer.Name}'";

    /// <summary>
    /// GNN0016 on the layer's attribute for a layer whose parameters and state values, or outputs, do not fit even in
    /// float: checked as soon as the layer is parsed, in 64 bits, because every later sum of its sizes is 32-bit. (The
    /// parsers whose sizes are products of several settings check those themselves; a BatchNorm over 2^31 − 1 features
    /// has twice that many parameters.) The network-level check then bounds the totals in the network's precision.
    /// </summary>
    private static bool IsTooLarge(IReadOnlyList<LayerSpec> parsed, AttributeReader attribute, int index, List<Diagnostic> diagnostics)
    {
        foreach (LayerSpec layer in parsed)
        {
            long values = layer.Tensors.Concat(layer.Buffers).Sum(tensor => tensor.Dimensions.LongLength);
            if (LayerDiagnostics.TooLarge(attribute, index, "parameters and state values", values, NetworkLimits.MaxParameterBytes, "a parameter buffer may take", diagnostics)
                || LayerDiagnostics.TooLarge(attribute, index, "outputs", layer.OutputShape.LongLength, NetworkLimits.MaxSampleScratchBytes, "a sample's values may take", diagnostics))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>GNN0016: the parameter buffer must fit an object, one sample's training scratch a block's workspace, and a layer's working memory the pool's rental.</summary>
    private static void CheckSize(NetworkSpec spec, List<Diagnostic> diagnostics, AttributeReader network)
    {
        long parameters = spec.Layers.Sum(layer => (long)layer.ParameterCount);
        int bytesPerValue = spec.Numeric == NumericType.Single ? sizeof(float) : sizeof(double);
        long maxParameters = NetworkLimits.MaxParameterBytes / bytesPerValue;
        if (parameters > maxParameters)
        {
            diagnostics.Add(Diagnostic.Create(
                DiagnosticDescriptors.NetworkTooLarge,
                network.Location,
                $"it has {Invariant.Text(parameters)} parameters; at most {Invariant.Text(maxParameters)} fit the {Invariant.Text(NetworkLimits.MaxParameterBytes >> 20)} MiB a parameter buffer may take in {spec.Numeric.Keyword()}"));
            return;
        }

        var layout = new ScratchLayout(spec);
        if (layout.TrainingBytesPerSample > NetworkLimits.MaxSampleScratchBytes)
        {
            diagnostics.Add(Diagnostic.Create(
                DiagnosticDescriptors.NetworkTooLarge,
                network.Location,
                $"one sample's activations, deltas, masks and statistics take {Invariant.Text(layout.TrainingBytesPerSample)} bytes; at most {Invariant.Text(NetworkLimits.MaxSampleScratchBytes >> 20)} MiB are supported"));
        }

        long temporaryBytes = layout.TemporaryLength * bytesPerValue;
        if (temporaryBytes > NetworkLimits.MaxTemporaryScratchBytes)
        {
            diagnostics.Add(Diagnostic.Create(
                DiagnosticDescriptors.NetworkTooLarge,
                network.Location,
                $"a layer's working memory for one call (a strided convolution's unfolded patches, a recurrent layer's states) takes {Invariant.Text(temporaryBytes)} bytes; at most {Invariant.Text(NetworkLimits.MaxTemporaryScratchBytes >> 20)} MiB are supported"));
        }
    }
}
