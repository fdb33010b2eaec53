using System;
using System.Globalization;
using System.Linq;
using GenNN.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace GenNN.Generator.Tests;

/// <summary>
/// The generated text depends on the attributes only: not on the run, and not on the machine's culture (decimal
/// commas, or the U+2212 minus sign that fi-FI uses for negative numbers).
/// </summary>
public class DeterminismTests
{
    /// <summary>Two networks whose code holds fractional and negative numbers, in both element types.</summary>
    private const string Source = """
        using GenNN;

        namespace Demo;

        [Network(Seed = -12345)]
        [Input(3)]
        [Dense(5, Activation.LeakyReLU, NegativeSlope = 0.01)]
        [Dense(2, Activation.Sigmoid)]
        [Loss(LossFunction.BinaryCrossEntropy)]
        public partial class LeakyFloat { }

        [Network(Precision.Double, Seed = -1)]
        [Input(2)]
        [Dense(40, Activation.LeakyReLU, NegativeSlope = 0.25, Name = "wide")]
        [Dense(3, Activation.Softmax)]
        [Loss(LossFunction.CrossEntropy)]
        public partial class LeakyDouble { }
        """;

    [Fact]
    public void IndependentRunsGiveByteIdenticalText()
    {
        GeneratedFile[] first = Generate();
        GeneratedFile[] second = Generate();

        Assert.Equal(2, first.Length);
        Assert.Equal(first, second);
    }

    [Theory]
    [InlineData("fi-FI")]
    [InlineData("de-DE")]
    [InlineData("ar-SA")]
    public void TextDoesNotDependOnCurrentCulture(string cultureName)
    {
        GeneratedFile[] invariant = WithCulture(CultureInfo.InvariantCulture, Generate);
        GeneratedFile[] local = WithCulture(CultureInfo.GetCultureInfo(cultureName), Generate);

        Assert.Equal(invariant, local);
        string all = string.Concat(invariant.Select(file => file.Text));
        Assert.Contains("0.01f", all, StringComparison.Ordinal);
        Assert.Contains("0.25)", all, StringComparison.Ordinal); // the slope argument of the LeakyReLU kernel calls
        Assert.Contains("DefaultSeed = -12345;", all, StringComparison.Ordinal);
    }

    /// <summary>Guards the test above: it proves nothing unless these cultures really format numbers differently here.</summary>
    [Fact]
    public void TestCulturesFormatNumbersDifferently()
    {
        Assert.Equal("−0,5", (-0.5).ToString(CultureInfo.GetCultureInfo("fi-FI")));
        Assert.Equal("-0,5", (-0.5).ToString(CultureInfo.GetCultureInfo("de-DE")));
    }

    /// <summary>
    /// Style guide §3.3: diagnostic arguments are formatted with the invariant culture. The message is formatted
    /// when the host asks for it, with the host's culture, so numbers must reach the descriptor already as text.
    /// </summary>
    [Fact]
    public void DiagnosticMessagesDoNotDependOnCulture()
    {
        GeneratorRun run = GeneratorHarness.Run("""
            using GenNN;

            namespace Demo;

            [Network]
            [Input(-5)]
            [Dense(2, Activation.LeakyReLU, NegativeSlope = -1.5)]
            public partial class Invalid { }
            """);
        Assert.NotEmpty(run.GeneratorDiagnostics);

        foreach (Diagnostic diagnostic in run.GeneratorDiagnostics)
        {
            Assert.Equal(diagnostic.GetMessage(CultureInfo.InvariantCulture), diagnostic.GetMessage(CultureInfo.GetCultureInfo("fi-FI")));
        }
    }

    private static GeneratedFile[] Generate()
    {
        GeneratorRun run = GeneratorHarness.Run(Source);
        Assert.Null(run.Exception);
        Assert.Empty(run.GeneratorDiagnostics);
        return run.GeneratedSources
            .Select(source => new GeneratedFile(
                source.HintName,
                source.SourceText.ToString(),
                source.SourceText.Encoding?.WebName,
                Convert.ToHexString(source.SourceText.GetChecksum().ToArray())))
            .OrderBy(file => file.HintName, StringComparer.Ordinal)
            .ToArray();
    }

    private static T WithCulture<T>(CultureInfo culture, Func<T> action)
    {
        CultureInfo culture0 = CultureInfo.CurrentCulture;
        CultureInfo uiCulture0 = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = culture;
            return action();
        }
        finally
        {
            CultureInfo.CurrentCulture = culture0;
            CultureInfo.CurrentUICulture = uiCulture0;
        }
    }

    /// <summary>One generated file; the checksum is a hash of its encoded bytes, so equal records mean byte-identical files.</summary>
    private sealed record GeneratedFile(string HintName, string Text, string? Encoding, string Checksum);
}
