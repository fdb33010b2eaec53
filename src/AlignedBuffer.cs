using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace GenNN;

/// <summary>
/// A network's parameters, gradients or buffers: a fixed number of values starting at a 64-byte boundary, the size
/// of a cache line and of a 512-bit vector, in every process and for the object's whole life.
/// </summary>
/// <remarks>
/// Values stored inline in the network object start wherever the allocator and the garbage collector's compaction
/// put the object, so their alignment differed from one launch to the next, and with it the kernels' speed: a weight
/// matrix that straddles cache lines on every vector load costs up to a third more. This array is allocated on the
/// pinned object heap, where nothing moves, with room to start the values at the first 64-byte boundary inside it.
/// The generated code reads it through the implicit conversions to spans.
/// </remarks>
/// <typeparam name="T">The element type.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct AlignedBuffer<T>
    where T : unmanaged
{
    /// <summary>The byte boundary the first value starts at.</summary>
    public const int Alignment = 64;

    private readonly T[] _array;
    private readonly int _offset;
    private readonly int _length;

    /// <summary>Allocates <paramref name="length"/> zeroed values at a 64-byte boundary.</summary>
    public AlignedBuffer(int length)
    {
        int slack = Alignment / Unsafe.SizeOf<T>();
        _array = GC.AllocateArray<T>(length + slack, pinned: true);
        _length = length;

        // The array never moves, so the boundary found now holds for its whole life.
        GCHandle handle = GCHandle.Alloc(_array, GCHandleType.Pinned);
        try
        {
            long misalignment = handle.AddrOfPinnedObject() % Alignment;
            _offset = misalignment == 0 ? 0 : (int)((Alignment - misalignment) / Unsafe.SizeOf<T>());
        }
        finally
        {
            handle.Free();
        }
    }

    /// <summary>The values.</summary>
    public Span<T> Span => MemoryMarshal.CreateSpan(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_array), _offset), _length);

    /// <summary>The values.</summary>
    public static implicit operator Span<T>(AlignedBuffer<T> buffer) => buffer.Span;

    /// <summary>The values, read-only.</summary>
    public static implicit operator ReadOnlySpan<T>(AlignedBuffer<T> buffer) => buffer.Span;
}
