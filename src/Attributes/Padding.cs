namespace GenNN;

/// <summary>How a convolution or pooling window treats the input's border (PyTorch's <c>padding='valid'</c> / <c>'same'</c>).</summary>
public enum Padding
{
    /// <summary>No implicit padding beyond <c>PaddingSize</c>: the window stays inside the input.</summary>
    Valid = 0,

    /// <summary>
    /// Zero padding that keeps the output the size of the input (stride 1 only). An even kernel pads one more on the
    /// bottom/right than on the top/left, as PyTorch does.
    /// </summary>
    Same = 1,
}
