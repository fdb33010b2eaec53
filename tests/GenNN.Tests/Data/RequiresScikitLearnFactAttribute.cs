using Xunit;

namespace GenNN.Tests.Data;

/// <summary>A fact that runs only where scikit-learn's CSV files are (see <see cref="ScikitLearnFolder"/>), and is skipped with the reason otherwise.</summary>
public sealed class RequiresScikitLearnFactAttribute : FactAttribute
{
    public RequiresScikitLearnFactAttribute()
    {
        if (ScikitLearnFolder.Path is null)
        {
            Skip = ScikitLearnFolder.MissingReason;
        }
    }
}
