using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Numerics;
using System.Numerics.Tensors;
using System.Threading;

namespace GenNN.Training;

/// <summary>
/// Trains a generated network: minibatches, shuffling, an optimizer, a learning-rate schedule, gradient clipping,
/// validation, metrics, early stopping, progress and cancellation (Keras's <c>model.fit</c>). Reuse one trainer for
/// repeated fits: it allocates its buffers once, and after the first epoch a batch allocates nothing. One fit at a
/// time: a trainer is not thread-safe (its fits are parallel inside).
/// </summary>
/// <typeparam name="T"><see langword="float"/> or <see langword="double"/>, as the network.</typeparam>
/// <remarks>
/// <para>
/// Each minibatch is cut into up to <see cref="FitOptions.ChunksPerBatch"/> chunks. Every chunk sums its samples' gradients
/// with the network's own <see cref="ITrainableNetwork{T}.AccumulateGradients(ReadOnlySpan{T}, ReadOnlySpan{T}, Span{T}, Span{T}, ref SeededRandom)"/> (the per-sample loop is generated
/// code, so the trainer makes one interface call per chunk, never per sample) into its own buffer, drawing dropout
/// masks from its own random stream seeded by (seed, epoch, batch, chunk). The buffers are then added in chunk order.
/// Nothing depends on which thread ran which chunk, so any <see cref="FitOptions.DegreeOfParallelism"/> gives
/// bit-identical weights.
/// </para>
/// <para>
/// Layers with batch statistics (BatchNorm) normalize each chunk by that chunk's own statistics, block by block, as each
/// replica of PyTorch's <c>DistributedDataParallel</c> normalizes by its own batch; and, as DDP broadcasts rank 0's
/// buffers, the running statistics are updated by the first chunk only. Both are fixed by the chunking, not by the
/// threads, so results stay bit-identical for any degree of parallelism.
/// </para>
/// <para>
/// After each batch the loss and the updated weights are checked: a NaN or infinity restores the weights and
/// optimizer state from before the batch and throws <see cref="TrainingDivergedException"/>.
/// </para>
/// </remarks>
public sealed class Trainer<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Samples per evaluation chunk: fixed, so validation losses are summed in the same order on any number of threads.</summary>
    private const int EvaluationChunkSamples = 64;

    /// <summary>
    /// Below this much work (samples × parameters, about 30 µs) a batch runs on the calling thread alone: handing
    /// chunks to the workers would cost more than it saves. The chunks are the same either way.
    /// </summary>
    private const long ParallelWorkThreshold = 131_072;

    /// <summary>
    /// The fewest samples a chunk gets (unless the batch is smaller): every chunk costs a buffer to clear and add, which
    /// small chunks do not repay. Depends on the batch size alone, like the rest of the split.
    /// </summary>
    private const int MinimumChunkSamples = 16;

    /// <summary>
    /// Parameters per piece of the post-batch work (summing the chunks' gradients, scaling, keeping the last good
    /// weights), which runs on the workers too for large networks. Element-wise, so the split cannot change a bit.
    /// </summary>
    private const int ParameterRangeLength = 16_384;

    private readonly ITrainableNetwork<T> _network;
    private readonly Action<int> _trainChunk;
    private readonly Action<int> _evaluateChunk;
    private readonly Action<int> _reduceRange;
    private readonly int _inputSize;
    private readonly int _outputSize;
    private readonly int _parameterCount;
    /// <summary>The most threads a fit starts (each fit starts them all before its first batch).</summary>
    private const int MaxDegreeOfParallelism = 1024;

    private T[][] _chunkGradients;
    private double[] _chunkLosses;
    private readonly T[] _lastGoodParameters;
    private readonly T[] _lastGoodState;
    private readonly T[] _bestParameters;

    // The network's state (BatchNorm running statistics) before the current batch, and at the best epoch.
    private readonly T[] _lastGoodBuffers;

    private readonly T[] _bestBuffers;

    // Sized by the data of a fit; reallocated only when a later fit needs more.
    private int[] _order = [];
    private T[] _batchInputs = [];
    private T[] _batchTargets = [];
    private T[] _evaluationOutputs = [];
    private double[] _evaluationChunkLosses = [];

    // The workers of the running Fit or Evaluate call (started and stopped by it, so an abandoned trainer holds no
    // threads), and the job the chunk delegates read, set on the calling thread before each run.
    private ChunkRunner? _runner;
    private ReadOnlyMemory<T> _jobInputs;
    private ReadOnlyMemory<T> _jobTargets;
    private int _batchStart;
    private int _batchSize;
    private int _batchChunks;
    private long _batchSeed;
    private int _evaluationCount;
    private bool _evaluationWantsLoss;

    /// <summary>Prepares to train <paramref name="network"/> as <paramref name="options"/> say.</summary>
    /// <param name="network">The network; its parameters are trained in place.</param>
    /// <param name="options">The fit's settings; <see langword="null"/> for the defaults.</param>
    /// <param name="optimizer">
    /// An optimizer to continue with (for example one restored from a model file); <see langword="null"/> creates
    /// one from <see cref="FitOptions.Optimizer"/> or the network's <see cref="ITrainableNetwork{T}.DefaultOptimizer"/>.
    /// With both, <see cref="FitOptions.Optimizer"/> must equal its <see cref="Optimizer{T}.Options"/>.
    /// </param>
    /// <exception cref="ArgumentException">
    /// An option is out of range, the optimizer is for another parameter count, or <see cref="FitOptions.Optimizer"/>
    /// asks for another optimizer than the one given.
    /// </exception>
    public Trainer(ITrainableNetwork<T> network, FitOptions? options = null, Optimizer<T>? optimizer = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        options ??= new FitOptions();
        ValidateOptions(options);
        _network = network;
        Options = options;
        _inputSize = network.InputSize;
        _outputSize = network.OutputSize;
        _parameterCount = network.ParameterCount;
        if (optimizer is not null && optimizer.ParameterCount != _parameterCount)
        {
            throw new ArgumentException($"The optimizer updates {optimizer.ParameterCount} parameters, but the network has {_parameterCount}.", nameof(optimizer));
        }

        // Which of the two would train is no question to settle silently: an optimizer restored from a checkpoint
        // keeps its own options, and FitOptions asking for others is a mistake in one of them.
        if (optimizer is not null && options.Optimizer is OptimizerOptions asked && asked != optimizer.Options)
        {
            throw new ArgumentException(
                $"FitOptions.Optimizer asks for {asked}, but the optimizer given was created with {optimizer.Options}; pass one of them, or the same options to both.",
                nameof(optimizer));
        }

        Optimizer = optimizer ?? Optimizer<T>.Create(options.Optimizer ?? network.DefaultOptimizer, _parameterCount);
        _chunkGradients = [];
        _chunkLosses = [];
        _lastGoodParameters = new T[_parameterCount];
        _lastGoodState = new T[Optimizer.State.Length];
        _bestParameters = new T[_parameterCount];
        _lastGoodBuffers = new T[network.BufferCount];
        _bestBuffers = new T[network.BufferCount];
        DegreeOfParallelism = options.DegreeOfParallelism ?? Math.Min(Environment.ProcessorCount, MaxDegreeOfParallelism);
        _trainChunk = RunTrainingChunk;
        _evaluateChunk = RunEvaluationChunk;
        _reduceRange = ReduceRange;
    }

    /// <summary>The network being trained.</summary>
    public ITrainableNetwork<T> Network => _network;

    /// <summary>The fit's settings.</summary>
    public FitOptions Options { get; }

    /// <summary>The optimizer; its state carries over from one fit to the next (save it with the model to resume later).</summary>
    public Optimizer<T> Optimizer { get; }

    /// <summary>The threads computing gradients, the calling thread included.</summary>
    public int DegreeOfParallelism { get; }

    /// <summary>
    /// Trains on <paramref name="inputs"/> and <paramref name="targets"/> (sample after sample), holding out
    /// <see cref="FitOptions.ValidationSplit"/> of them for validation when set.
    /// </summary>
    /// <inheritdoc cref="Fit(ReadOnlyMemory{T}, ReadOnlyMemory{T}, ReadOnlyMemory{T}, ReadOnlyMemory{T}, CancellationToken)"/>
    public TrainingHistory Fit(ReadOnlyMemory<T> inputs, ReadOnlyMemory<T> targets, CancellationToken cancellationToken = default)
        => Fit(inputs, targets, ReadOnlyMemory<T>.Empty, ReadOnlyMemory<T>.Empty, cancellationToken);

    /// <summary>
    /// Trains on <paramref name="inputs"/> and <paramref name="targets"/> and validates after each epoch on
    /// <paramref name="validationInputs"/> and <paramref name="validationTargets"/> (all sample after sample; pass
    /// empty validation memory for none).
    /// </summary>
    /// <returns>The loss and metrics of every epoch, and how the fit ended.</returns>
    /// <exception cref="ArgumentException">The data do not hold whole samples of the network's sizes, a value is NaN or infinite, or an option does not fit the data (a monitored metric that is not measured, a validation split that leaves no samples, ...).</exception>
    /// <exception cref="TrainingDivergedException">A loss or a weight became NaN or infinite; the network keeps the weights from before that batch.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was canceled; the network keeps the weights of the last completed batch.</exception>
    public TrainingHistory Fit(
        ReadOnlyMemory<T> inputs,
        ReadOnlyMemory<T> targets,
        ReadOnlyMemory<T> validationInputs,
        ReadOnlyMemory<T> validationTargets,
        CancellationToken cancellationToken = default)
    {
        FitData<T> data = FitData<T>.Split(inputs, targets, validationInputs, validationTargets, Options.ValidationSplit, _inputSize, _outputSize);
        var run = new FitRun(this, data);
        using var runner = new ChunkRunner(DegreeOfParallelism);
        _runner = runner;
        try
        {
            TrainingHistory history = run.Execute(cancellationToken);
            Options.Progress?.OnFitCompleted(history);
            return history;
        }
        catch (Exception exception)
        {
            Options.Progress?.OnFitFailed(exception);
            throw;
        }
        finally
        {
            _runner = null;
        }
    }

    /// <summary>
    /// Measures the loss and <see cref="FitOptions.Metrics"/> on a set without training (inference mode: no dropout).
    /// Returns them by name: <c>loss</c>, <c>accuracy</c>, ...
    /// </summary>
    /// <exception cref="ArgumentException">The data do not hold the same positive number of whole samples.</exception>
    public IReadOnlyDictionary<string, double> Evaluate(ReadOnlyMemory<T> inputs, ReadOnlyMemory<T> targets)
    {
        int count = SpanGuard.CountSamples(inputs.Length, _inputSize, nameof(inputs));
        SpanGuard.RequireBatchLength(targets.Length, _outputSize, count, nameof(targets));
        EnsureEvaluationCapacity(count);
        using var runner = new ChunkRunner(DegreeOfParallelism);
        _runner = runner;
        try
        {
            var values = new Dictionary<string, double>(StringComparer.Ordinal) { ["loss"] = EvaluateSet(inputs, targets, count, wantLoss: true) };
            AddMetrics(values, string.Empty, targets, count);
            return values;
        }
        finally
        {
            _runner = null;
        }
    }

    private static void ValidateOptions(FitOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.Epochs, "options.Epochs");
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.BatchSize, "options.BatchSize");
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.ChunksPerBatch, "options.ChunksPerBatch");
        if (options.DegreeOfParallelism is int threads)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(threads, "options.DegreeOfParallelism");
            ArgumentOutOfRangeException.ThrowIfGreaterThan(threads, MaxDegreeOfParallelism, "options.DegreeOfParallelism");
        }

        if (!(options.ValidationSplit >= 0 && options.ValidationSplit < 1))
        {
            throw new ArgumentOutOfRangeException("options.ValidationSplit", options.ValidationSplit, "The validation split is a fraction in [0, 1).");
        }

        ArgumentNullException.ThrowIfNull(options.Metrics, "options.Metrics");
        string[] names = options.Metrics.Select(metric => metric?.Name ?? throw new ArgumentException("A metric is null.", nameof(options))).ToArray();
        string? duplicate = names.GroupBy(name => name, StringComparer.Ordinal).FirstOrDefault(group => group.Count() > 1)?.Key;
        if (duplicate is not null)
        {
            throw new ArgumentException($"Two metrics are named '{duplicate}'.", nameof(options));
        }

        options.Clipping?.Validate();
        if (options.EarlyStopping is EarlyStopping stopping)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(stopping.Monitor, "options.EarlyStopping.Monitor");
            ArgumentOutOfRangeException.ThrowIfNegative(stopping.Patience, "options.EarlyStopping.Patience");
            if (!(stopping.MinDelta >= 0))
            {
                throw new ArgumentOutOfRangeException("options.EarlyStopping.MinDelta", stopping.MinDelta, "MinDelta must be a number ≥ 0.");
            }
        }
    }

    /// <summary>
    /// A seed for the <paramref name="index"/>-th stream below <paramref name="seed"/>; applied per epoch, batch and
    /// chunk, it gives every chunk's dropout stream its own seed.
    /// </summary>
    private static long DeriveSeed(long seed, long index) => (long)Mix(Mix((ulong)seed) ^ (ulong)index);

    /// <summary>SplitMix64's finalizer: neighbouring inputs give unrelated outputs.</summary>
    private static ulong Mix(ulong value)
    {
        ulong z = value + 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Chunk <paramref name="chunk"/>'s first sample and count when <paramref name="size"/> samples are cut into <paramref name="chunks"/> near-equal pieces.</summary>
    private static (int First, int Count) ChunkRange(int size, int chunks, int chunk)
    {
        int first = (int)((long)chunk * size / chunks);
        int end = (int)((long)(chunk + 1) * size / chunks);
        return (first, end - first);
    }

    /// <summary>One chunk of a training batch: gathers its samples, then accumulates their gradients into its own buffer.</summary>
    private void RunTrainingChunk(int chunk)
    {
        (int first, int count) = ChunkRange(_batchSize, _batchChunks, chunk);
        Span<T> inputs = _batchInputs.AsSpan(first * _inputSize, count * _inputSize);
        Span<T> targets = _batchTargets.AsSpan(first * _outputSize, count * _outputSize);
        ReadOnlySpan<T> allInputs = _jobInputs.Span;
        ReadOnlySpan<T> allTargets = _jobTargets.Span;
        ReadOnlySpan<int> order = _order.AsSpan(_batchStart + first, count);
        for (int k = 0; k < count; k++)
        {
            int sample = order[k];
            allInputs.Slice(sample * _inputSize, _inputSize).CopyTo(inputs.Slice(k * _inputSize, _inputSize));
            allTargets.Slice(sample * _outputSize, _outputSize).CopyTo(targets.Slice(k * _outputSize, _outputSize));
        }

        Span<T> gradients = _chunkGradients[chunk];
        gradients.Clear();
        var random = new SeededRandom(DeriveSeed(_batchSeed, chunk));
        Span<T> statistics = chunk == 0 ? _network.Buffers : default;
        _chunkLosses[chunk] = double.CreateTruncating(_network.AccumulateGradients(inputs, targets, gradients, statistics, ref random));
    }

    /// <summary>
    /// One range of parameters after a batch's chunks: adds every chunk's gradient into chunk 0's buffer in chunk
    /// order, divides by the batch size (the gradient of the mean loss), and copies the weights and optimizer state
    /// aside so a divergent step can be undone.
    /// </summary>
    private void ReduceRange(int range)
    {
        int start = range * ParameterRangeLength;
        int length = Math.Min(ParameterRangeLength, _parameterCount - start);
        Span<T> total = _chunkGradients[0].AsSpan(start, length);
        for (int chunk = 1; chunk < _batchChunks; chunk++)
        {
            TensorPrimitives.Add(total, _chunkGradients[chunk].AsSpan(start, length), total);
        }

        TensorPrimitives.Divide(total, T.CreateTruncating(_batchSize), total);
        _network.Parameters.Slice(start, length).CopyTo(_lastGoodParameters.AsSpan(start, length));
        Span<T> state = Optimizer.State;
        for (int block = start; block < state.Length; block += _parameterCount)
        {
            state.Slice(block, length).CopyTo(_lastGoodState.AsSpan(block, length));
        }
    }

    /// <summary>One chunk of an evaluation: outputs (and, when asked, summed losses) of its samples, in inference mode.</summary>
    private void RunEvaluationChunk(int chunk)
    {
        int first = chunk * EvaluationChunkSamples;
        int count = Math.Min(EvaluationChunkSamples, _evaluationCount - first);
        ReadOnlySpan<T> inputs = _jobInputs.Span.Slice(first * _inputSize, count * _inputSize);
        Span<T> outputs = _evaluationOutputs.AsSpan(first * _outputSize, count * _outputSize);
        if (!_evaluationWantsLoss)
        {
            _network.ForwardBatch(inputs, outputs);
            return;
        }

        ReadOnlySpan<T> targets = _jobTargets.Span.Slice(first * _outputSize, count * _outputSize);
        _evaluationChunkLosses[chunk] = double.CreateTruncating(_network.EvaluateBatch(inputs, targets, outputs));
    }

    /// <summary>Runs the network over a set, leaving the outputs in <see cref="_evaluationOutputs"/>; returns the mean loss (NaN when not asked for).</summary>
    private double EvaluateSet(ReadOnlyMemory<T> inputs, ReadOnlyMemory<T> targets, int count, bool wantLoss)
    {
        _jobInputs = inputs;
        _jobTargets = targets;
        _evaluationCount = count;
        _evaluationWantsLoss = wantLoss;
        int chunks = (count + EvaluationChunkSamples - 1) / EvaluationChunkSamples;
        _runner!.Run(chunks, _evaluateChunk, parallel: (long)count * _parameterCount >= ParallelWorkThreshold);
        if (!wantLoss)
        {
            return double.NaN;
        }

        double sum = 0;
        for (int chunk = 0; chunk < chunks; chunk++)
        {
            sum += _evaluationChunkLosses[chunk];
        }

        return sum / count;
    }

    /// <summary>Scores the outputs <see cref="EvaluateSet"/> left against <paramref name="targets"/>, adding each metric as <paramref name="prefix"/> + name.</summary>
    private void AddMetrics(Dictionary<string, double> values, string prefix, ReadOnlyMemory<T> targets, int count)
    {
        foreach (Metric metric in Options.Metrics)
        {
            var predictions = new Predictions<T>(_evaluationOutputs.AsSpan(0, count * _outputSize), targets.Span.Slice(0, count * _outputSize), _network.Description);
            values[prefix + metric.Name] = metric.Compute(predictions);
        }
    }

    private void EnsureEvaluationCapacity(int count)
    {
        if (_evaluationOutputs.Length < count * _outputSize)
        {
            _evaluationOutputs = new T[count * _outputSize];
        }

        int chunks = (count + EvaluationChunkSamples - 1) / EvaluationChunkSamples;
        if (_evaluationChunkLosses.Length < chunks)
        {
            _evaluationChunkLosses = new double[chunks];
        }
    }

    private void EnsureTrainingCapacity(int trainingCount)
    {
        if (_order.Length != trainingCount)
        {
            _order = new int[trainingCount];
        }

        int batch = Math.Min(Options.BatchSize, trainingCount);
        if (_batchInputs.Length < batch * _inputSize)
        {
            _batchInputs = new T[batch * _inputSize];
            _batchTargets = new T[batch * _outputSize];
        }

        // As many gradient buffers as the largest batch of this fit is cut into (ChunksPerBatch is a cap, and a batch of
        // BatchSize may be larger than the data): every batch's chunk count is the same as with ChunksPerBatch buffers.
        int chunks = Math.Clamp(batch / MinimumChunkSamples, 1, Options.ChunksPerBatch);
        if (_chunkGradients.Length < chunks)
        {
            T[][] grown = new T[chunks][];
            _chunkGradients.CopyTo(grown, 0);
            for (int i = _chunkGradients.Length; i < chunks; i++)
            {
                grown[i] = new T[_parameterCount];
            }

            _chunkGradients = grown;
            _chunkLosses = new double[chunks];
        }
    }

    /// <summary>One call of Fit: the loop and the per-fit state (monitors, best weights, history).</summary>
    private sealed class FitRun
    {
        private readonly Trainer<T> _trainer;
        private readonly FitData<T> _data;
        private readonly FitOptions _options;
        private readonly List<EpochResult> _epochs = [];
        private readonly int _batchesPerEpoch;
        private readonly MonitoredMetric? _stoppingMonitor;
        private readonly MonitoredMetric? _scheduleMonitor;
        private double _bestValue = double.NaN;
        private int? _bestEpoch;
        private int _epochsWithoutImprovement;

        public FitRun(Trainer<T> trainer, FitData<T> data)
        {
            _trainer = trainer;
            _data = data;
            _options = trainer.Options;
            _batchesPerEpoch = (int)(((long)data.TrainingCount + _options.BatchSize - 1) / _options.BatchSize); // in 64 bits: BatchSize may be int.MaxValue
            IReadOnlyDictionary<string, bool> available = AvailableValues();
            if (_options.EarlyStopping is EarlyStopping stopping)
            {
                _stoppingMonitor = MonitoredMetric.Resolve(stopping.Monitor, stopping.Mode, available, "EarlyStopping.Monitor");
            }

            if (_options.Schedule?.Monitor is string scheduleMonitor)
            {
                _scheduleMonitor = MonitoredMetric.Resolve(scheduleMonitor, MonitorMode.Auto, available, "Schedule.Monitor");
            }
        }

        public TrainingHistory Execute(CancellationToken cancellationToken)
        {
            Trainer<T> trainer = _trainer;
            trainer.EnsureTrainingCapacity(_data.TrainingCount);
            trainer.EnsureEvaluationCapacity(Math.Max(_data.ValidationCount, _options.Metrics.Count > 0 && _options.TrainingSetMetrics ? _data.TrainingCount : 0));
            Span<int> order = trainer._order;
            for (int i = 0; i < order.Length; i++)
            {
                order[i] = i;
            }

            double baseLearningRate = trainer.Optimizer.Options.LearningRate;
            LearningRateSchedule? schedule = _options.Schedule;
            if (schedule is not null)
            {
                if (_scheduleMonitor is not null)
                {
                    schedule.ResolveDirection(_scheduleMonitor.HigherIsBetter);
                }

                schedule.Start(baseLearningRate);
            }

            _options.Progress?.OnFitStarted(new FitStart(
                _options.Epochs, _batchesPerEpoch, _data.TrainingCount, _data.ValidationCount, trainer.DegreeOfParallelism, trainer.Optimizer.Options));

            var shuffle = new SeededRandom(_options.Seed);
            StopReason stopReason = StopReason.Completed;
            for (int epoch = 1; epoch <= _options.Epochs; epoch++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                long started = Stopwatch.GetTimestamp();
                if (_options.Shuffle)
                {
                    shuffle.Shuffle(order);
                }

                double learningRate = schedule?.LearningRate ?? baseLearningRate;
                double loss = TrainEpoch(epoch, learningRate, cancellationToken);
                Dictionary<string, double> values = Evaluate(loss);
                var result = new EpochResult(epoch, learningRate, values, Stopwatch.GetElapsedTime(started));
                _epochs.Add(result);
                _options.Progress?.OnEpochCompleted(result);
                if (_stoppingMonitor is not null && ShouldStop(epoch, values[_stoppingMonitor.Name]))
                {
                    stopReason = StopReason.EarlyStopping;
                    break;
                }

                schedule?.Step(_scheduleMonitor is null ? null : values[_scheduleMonitor.Name]);
            }

            bool restored = false;
            if (_options.EarlyStopping is { RestoreBestWeights: true } && _bestEpoch is int best && best != _epochs[^1].Epoch)
            {
                trainer._bestParameters.CopyTo(trainer._network.Parameters);
                trainer._bestBuffers.CopyTo(trainer._network.Buffers);
                restored = true;
            }

            return new TrainingHistory(_epochs.ToArray(), stopReason, _bestEpoch, restored);
        }

        /// <summary>One pass over the training set; returns the mean loss per sample, as training saw it.</summary>
        private double TrainEpoch(int epoch, double learningRate, CancellationToken cancellationToken)
        {
            Trainer<T> trainer = _trainer;
            Optimizer<T> optimizer = trainer.Optimizer;
            GradientClipping? clipping = _options.Clipping;
            ITrainingProgress? progress = _options.Progress;
            int batchSize = _options.BatchSize;
            int trainingCount = _data.TrainingCount;
            long workPerSample = trainer._parameterCount;
            long epochSeed = DeriveSeed(_options.Seed, epoch);
            int ranges = (trainer._parameterCount + ParameterRangeLength - 1) / ParameterRangeLength;
            trainer._jobInputs = _data.TrainingInputs;
            trainer._jobTargets = _data.TrainingTargets;
            double lossSum = 0;
            for (int batch = 0; batch < _batchesPerEpoch; batch++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                int start = batch * batchSize;
                int size = Math.Min(batchSize, trainingCount - start);
                int chunks = Math.Clamp(size / MinimumChunkSamples, 1, trainer._chunkGradients.Length);
                trainer._batchStart = start;
                trainer._batchSize = size;
                trainer._batchChunks = chunks;
                trainer._batchSeed = DeriveSeed(epochSeed, batch);
                trainer._network.Buffers.CopyTo(trainer._lastGoodBuffers);
                trainer._runner!.Run(chunks, trainer._trainChunk, parallel: size * workPerSample >= ParallelWorkThreshold);

                double batchLoss = 0;
                for (int chunk = 0; chunk < chunks; chunk++)
                {
                    batchLoss += trainer._chunkLosses[chunk];
                }

                if (!double.IsFinite(batchLoss))
                {
                    trainer._lastGoodBuffers.CopyTo(trainer._network.Buffers);
                    throw Diverged(epoch, batch + 1, batchLoss / size, lossDiverged: true);
                }

                trainer._runner!.Run(ranges, trainer._reduceRange, parallel: ranges > 1);
                Span<T> gradients = trainer._chunkGradients[0];
                clipping?.Apply(gradients);

                Span<T> parameters = trainer._network.Parameters;
                long lastGoodStep = optimizer.StepCount;
                optimizer.Step(parameters, gradients, learningRate);
                if (!T.IsFinite(TensorPrimitives.MaxMagnitude<T>(parameters)))
                {
                    trainer._lastGoodParameters.CopyTo(parameters);
                    trainer._lastGoodBuffers.CopyTo(trainer._network.Buffers);
                    trainer._lastGoodState.CopyTo(optimizer.State);
                    optimizer.StepCount = lastGoodStep;
                    throw Diverged(epoch, batch + 1, batchLoss / size, lossDiverged: false);
                }

                lossSum += batchLoss;
                progress?.OnBatchCompleted(new BatchProgress(epoch, _options.Epochs, batch + 1, _batchesPerEpoch, lossSum / (start + size), learningRate));
            }

            return lossSum / trainingCount;
        }

        /// <summary>The epoch's values: the training loss, then training metrics, validation loss and metrics.</summary>
        private Dictionary<string, double> Evaluate(double trainingLoss)
        {
            Trainer<T> trainer = _trainer;
            var values = new Dictionary<string, double>(StringComparer.Ordinal) { ["loss"] = trainingLoss };
            if (_options.Metrics.Count > 0 && _options.TrainingSetMetrics)
            {
                trainer.EvaluateSet(_data.TrainingInputs, _data.TrainingTargets, _data.TrainingCount, wantLoss: false);
                trainer.AddMetrics(values, string.Empty, _data.TrainingTargets, _data.TrainingCount);
            }

            if (_data.ValidationCount > 0)
            {
                values["val_loss"] = trainer.EvaluateSet(_data.ValidationInputs, _data.ValidationTargets, _data.ValidationCount, wantLoss: true);
                trainer.AddMetrics(values, "val_", _data.ValidationTargets, _data.ValidationCount);
            }

            return values;
        }

        /// <summary>Keras's EarlyStopping.on_epoch_end: tracks the best value (and weights) and says when patience has run out.</summary>
        private bool ShouldStop(int epoch, double value)
        {
            EarlyStopping stopping = _options.EarlyStopping!;
            bool improved = _bestEpoch is null
                || (_stoppingMonitor!.HigherIsBetter ? value - stopping.MinDelta > _bestValue : value + stopping.MinDelta < _bestValue);
            if (improved)
            {
                _bestValue = value;
                _bestEpoch = epoch;
                _epochsWithoutImprovement = 0;
                if (stopping.RestoreBestWeights)
                {
                    _trainer._network.Parameters.CopyTo(_trainer._bestParameters);
                    _trainer._network.Buffers.CopyTo(_trainer._bestBuffers);
                }

                return false;
            }

            _epochsWithoutImprovement++;
            return _epochsWithoutImprovement >= stopping.Patience && epoch > 1;
        }

        private TrainingDivergedException Diverged(int epoch, int batch, double loss, bool lossDiverged)
            => new(epoch, batch, loss, lossDiverged, new TrainingHistory(_epochs.ToArray(), StopReason.Completed, _bestEpoch, restoredBestWeights: false));

        /// <summary>Every value this fit will measure, with whether larger is better.</summary>
        private IReadOnlyDictionary<string, bool> AvailableValues()
        {
            var available = new Dictionary<string, bool>(StringComparer.Ordinal) { ["loss"] = false };
            foreach (Metric metric in _options.Metrics)
            {
                if (_options.TrainingSetMetrics)
                {
                    available[metric.Name] = metric.HigherIsBetter;
                }

                if (_data.ValidationCount > 0)
                {
                    available["val_" + metric.Name] = metric.HigherIsBetter;
                }
            }

            if (_data.ValidationCount > 0)
            {
                available["val_loss"] = false;
            }

            return available;
        }
    }
}
