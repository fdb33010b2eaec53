namespace GenNN.Generator.Layers.Recurrent;

/// <summary>Mirrors <c>GenNN.Kernels.RecurrentCell</c>; the values must match.</summary>
internal enum RecurrentCellKind
{
    RnnTanh = 0,
    RnnReLU = 1,
    Lstm = 2,
    Gru = 3,
}

/// <summary>
/// What the generator must know of each cell to size buffers at compile time. The lengths equal
/// <c>GenNN.Kernels.RecurrentKernel.SavedPerStep</c>, <c>ScratchLength</c>, <c>BlockScratchLength</c> and
/// <c>BlockSampleScratchLength</c>, which a test checks for every cell.
/// </summary>
internal static class RecurrentCells
{
    /// <summary>Gates per unit: PyTorch's gate blocks (i, f, g, o for LSTM; r, z, n for GRU).</summary>
    public static int Gates(this RecurrentCellKind cell) => cell switch
    {
        RecurrentCellKind.Lstm => 4,
        RecurrentCellKind.Gru => 3,
        _ => 1,
    };

    public static bool HasCellState(this RecurrentCellKind cell) => cell == RecurrentCellKind.Lstm;

    /// <summary>Values the forward pass keeps per step for backpropagation through time.</summary>
    public static int SavedPerStep(this RecurrentCellKind cell, int hidden) => cell switch
    {
        RecurrentCellKind.Lstm => 6 * hidden,
        RecurrentCellKind.Gru => 4 * hidden,
        _ => 0,
    };

    /// <summary>The kernels' working memory per call.</summary>
    public static int ScratchLength(this RecurrentCellKind cell, int inputs, int hidden) => cell switch
    {
        RecurrentCellKind.Lstm => 7 * hidden,
        RecurrentCellKind.Gru => 9 * hidden,
        _ => 3 * hidden,
    };

    /// <summary>The block kernels' working memory shared by a block's samples per call.</summary>
    public static int BlockScratchLength(this RecurrentCellKind cell, int inputs, int hidden)
        => System.Math.Max(inputs, hidden) + (cell.Gates() * hidden * (2 + inputs + hidden));

    /// <summary>The block kernels' working memory per sample of the block.</summary>
    public static int BlockSampleScratchLength(this RecurrentCellKind cell, int inputs, int hidden)
        => (2 * cell.Gates() * hidden) + (2 * hidden) + inputs;

    /// <summary>PyTorch's module (<c>nn.LSTM</c>).</summary>
    public static string TorchModule(this RecurrentCellKind cell) => cell switch
    {
        RecurrentCellKind.Lstm => "nn.LSTM",
        RecurrentCellKind.Gru => "nn.GRU",
        _ => "nn.RNN",
    };
}
