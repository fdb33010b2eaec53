using TorchSharp;
using TorchSharp.Modules;
using Xunit;

namespace GenNN.Tests;

/// <summary>
/// Proves that TorchSharp's native libraries load and compute here. On Debian 12 this fails unless
/// build/TorchSharp.targets patched libLibTorchSharp.so in the output folder (the error then names
/// GLIBCXX_3.4.32 or says that libLibTorchSharp.so could not be loaded).
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class TorchSharpSmokeTests
{
    [Fact]
    public void Linear_forward_under_no_grad_computes_Wx_plus_b()
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();

        using Linear linear = torch.nn.Linear(3, 2);
        linear.weight.copy_(torch.tensor(new float[] { 1f, 0f, -1f, 0.5f, 0.5f, 0.5f }).reshape(2, 3));
        // bias is null only for Linear(..., hasBias: false).
        linear.bias!.copy_(torch.tensor(new float[] { 0.25f, -1f }));

        var input = torch.tensor(new float[] { 1f, 2f, 3f }).reshape(1, 3);
        var output = linear.forward(input);

        Assert.Equal(new long[] { 1, 2 }, output.shape);
        Assert.False(output.requires_grad);
        // Every value is exact in float32: [1 - 3 + 0.25, 0.5 + 1 + 1.5 - 1].
        Assert.Equal(new[] { -1.75f, 2f }, output.data<float>().ToArray());
    }
}
