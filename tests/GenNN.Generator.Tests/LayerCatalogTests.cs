using System;
using System.Linq;
using GenNN.Generator.Layers;
using Xunit;

namespace GenNN.Generator.Tests;

/// <summary>
/// Every layer attribute the runtime library declares has a parser in <see cref="LayerCatalog"/>: the generator (and
/// the GNN0025 analyzer) skip an attribute without one, so a layer kind added to <c>src/Attributes</c> but not to the
/// catalog would compile and vanish from the network without a word.
/// </summary>
public sealed class LayerCatalogTests
{
    /// <summary>The attributes that declare something other than a layer.</summary>
    private static readonly Type[] NetworkAttributes = [typeof(NetworkAttribute), typeof(InputAttribute), typeof(LossAttribute), typeof(OptimizerAttribute)];

    [Fact]
    public void EveryLayerAttribute_HasAParser()
    {
        Type[] layerAttributes = typeof(DenseAttribute).Assembly.GetExportedTypes()
            .Where(type => type.Namespace == "GenNN" && type.IsSubclassOf(typeof(Attribute)) && !NetworkAttributes.Contains(type))
            .ToArray();

        Assert.Contains(typeof(TransposeAttribute), layerAttributes);
        Assert.All(layerAttributes, attribute => Assert.True(LayerCatalog.ParserFor(attribute.FullName!) is not null, $"[{attribute.Name}] has no parser in LayerCatalog.ParserFor."));
    }
}
