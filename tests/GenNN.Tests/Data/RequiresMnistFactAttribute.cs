using Xunit;

namespace GenNN.Tests.Data;

/// <summary>A fact that runs only where the real MNIST files are (see <see cref="MnistFolder"/>), and is skipped with the reason otherwise.</summary>
public sealed class RequiresMnistFactAttribute : FactAttribute
{
    public RequiresMnistFactAttribute()
    {
        if (MnistFolder.Path is null)
        {
            Skip = MnistFolder.MissingReason;
        }
    }
}
