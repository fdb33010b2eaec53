using System.Threading.Tasks;
using Xunit;

namespace GenNN.CodeFixes.Tests;

/// <summary>GNN0001's fix: <c>partial</c> goes right before <c>class</c>, the rest of the declaration untouched.</summary>
public sealed class AddPartialCodeFixTests
{
    [Fact]
    public Task AddsPartial_AfterTheOtherModifiers()
        => new GeneratorCodeFixTest<AddPartialCodeFixProvider>(
            """
            using GenNN;

            [Network]
            [Input(2)]
            [Dense(1)]
            public sealed class {|GNN0001:Net|} { }
            """,
            """
            using GenNN;

            [Network]
            [Input(2)]
            [Dense(1)]
            public sealed partial class Net { }
            """).RunAsync();

    [Fact]
    public Task AddsPartial_WithoutModifiers_KeepingIndentationAttributesAndComments()
        => new GeneratorCodeFixTest<AddPartialCodeFixProvider>(
            """
            using System;
            using GenNN;

            namespace Demo
            {
                /// <summary>Learns XOR.</summary>
                [Network(Seed = 7)] // fixed seed
                [Input(2)]
                [Obsolete("kept")]
                [Dense(1, Activation.Sigmoid)]
                class {|GNN0001:Net|} { } // the network
            }
            """,
            """
            using System;
            using GenNN;

            namespace Demo
            {
                /// <summary>Learns XOR.</summary>
                [Network(Seed = 7)] // fixed seed
                [Input(2)]
                [Obsolete("kept")]
                [Dense(1, Activation.Sigmoid)]
                partial class Net { } // the network
            }
            """).RunAsync();

    [Fact]
    public Task FixAll_MakesEveryNetworkInTheFilePartial()
        => new GeneratorCodeFixTest<AddPartialCodeFixProvider>(
            """
            using GenNN;

            [Network][Input(2)][Dense(1)] internal class {|GNN0001:First|} { }

            [Network][Input(3)][Dense(2)] public class {|GNN0001:Second|} { }
            """,
            """
            using GenNN;

            [Network][Input(2)][Dense(1)] internal partial class First { }

            [Network][Input(3)][Dense(2)] public partial class Second { }
            """).RunAsync();
}
