using GenNN.Generator.Layers.Recurrent;
using GenNN.Kernels;
using Xunit;

namespace GenNN.Generator.Tests;

/// <summary>The generator sizes recurrent buffers at compile time; its lengths must be the kernels' own.</summary>
public sealed class RecurrentCellsTests
{
    [Theory]
    [InlineData(RecurrentCell.RnnTanh)]
    [InlineData(RecurrentCell.RnnReLU)]
    [InlineData(RecurrentCell.Lstm)]
    [InlineData(RecurrentCell.Gru)]
    public void Saved_and_scratch_lengths_are_the_kernels(RecurrentCell cell)
    {
        var kind = (RecurrentCellKind)(int)cell;
        Assert.Equal(kind.ToString(), cell.ToString());
        foreach ((int inputs, int hidden) in new[] { (1, 16), (3, 5), (32, 7), (2, 64) })
        {
            Assert.Equal(RecurrentKernel.SavedPerStep(cell, hidden), kind.SavedPerStep(hidden));
            Assert.Equal(RecurrentKernel.ScratchLength(cell, inputs, hidden), kind.ScratchLength(inputs, hidden));
            Assert.Equal(RecurrentKernel.GateCount(cell), kind.Gates());
            Assert.Equal(RecurrentKernel.BlockScratchLength(cell, inputs, hidden), kind.BlockScratchLength(inputs, hidden));
            Assert.Equal(RecurrentKernel.BlockSampleScratchLength(cell, inputs, hidden), kind.BlockSampleScratchLength(inputs, hidden));
        }
    }
}
