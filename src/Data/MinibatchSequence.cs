using System.Numerics;

namespace GenNN.Data;

/// <summary>
/// A dataset's samples in order as <see cref="Minibatch{T}"/> views, for <see langword="foreach"/>; a struct with a
/// struct enumerator, so iterating allocates nothing.
/// </summary>
/// <typeparam name="T"><see langword="float"/> or <see langword="double"/>.</typeparam>
public readonly struct MinibatchSequence<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T[] _features;
    private readonly T[] _targets;
    private readonly int[]? _labels;
    private readonly int _featureSize;
    private readonly int _targetSize;
    private readonly int _sampleCount;
    private readonly int _batchSize;

    internal MinibatchSequence(T[] features, T[] targets, int[]? labels, int featureSize, int targetSize, int sampleCount, int batchSize)
    {
        _features = features;
        _targets = targets;
        _labels = labels;
        _featureSize = featureSize;
        _targetSize = targetSize;
        _sampleCount = sampleCount;
        _batchSize = batchSize;
    }

    /// <summary>The number of batches (the last may be shorter).</summary>
    public int Count => (int)(((long)_sampleCount + _batchSize - 1) / _batchSize);

    /// <summary>Starts the enumeration.</summary>
    public Enumerator GetEnumerator() => new(this);

    /// <summary>Walks the batches in order.</summary>
    public struct Enumerator
    {
        private readonly MinibatchSequence<T> _sequence;
        private int _nextStart;

        internal Enumerator(MinibatchSequence<T> sequence)
        {
            _sequence = sequence;
            _nextStart = 0;
            Current = default;
        }

        /// <summary>The current batch.</summary>
        public Minibatch<T> Current { get; private set; }

        /// <summary>Advances to the next batch; <see langword="false"/> after the last.</summary>
        public bool MoveNext()
        {
            if (_nextStart >= _sequence._sampleCount)
            {
                return false;
            }

            int count = System.Math.Min(_sequence._batchSize, _sequence._sampleCount - _nextStart);
            Current = new Minibatch<T>(
                _sequence._features, _sequence._targets, _sequence._labels, _sequence._featureSize, _sequence._targetSize, _nextStart, count);
            _nextStart += count;
            return true;
        }
    }
}
