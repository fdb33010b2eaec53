using System;
using System.Collections.Generic;
using System.Numerics.Tensors;

namespace GenNN.Samples.Spirals;

/// <summary>The knobs of a training run.</summary>
/// <param name="Epochs">Passes over the training set.</param>
/// <param name="BatchSize">Samples per SGD step.</param>
/// <param name="LearningRate">The step size at the start; it decays along a cosine to <see cref="FinalLearningRate"/>.</param>
/// <param name="FinalLearningRate">The step size of the last epoch.</param>
/// <param name="EvaluateEvery">Measure accuracy every this many epochs (and after the last).</param>
/// <param name="ShuffleSeed">Seeds the per-epoch shuffles, so a run is reproducible.</param>
internal sealed record TrainingSettings(
    int Epochs,
    int BatchSize,
    float LearningRate,
    float FinalLearningRate,
    int EvaluateEvery,
    long ShuffleSeed);

/// <summary>The fractions of the training and test points classified correctly.</summary>
internal readonly record struct Accuracies(double Train, double Test);

/// <summary>What one epoch did; <paramref name="Accuracy"/> is present only on the epochs that were evaluated.</summary>
internal readonly record struct EpochResult(int Epoch, float Loss, float LearningRate, Accuracies? Accuracy);

/// <summary>Minibatch SGD on a <see cref="SpiralNet"/>, one epoch at a time.</summary>
internal sealed class Trainer
{
    private readonly SpiralNet _network;
    private readonly LabeledPoints _train;
    private readonly LabeledPoints _test;
    private readonly TrainingSettings _settings;
    private readonly int[] _order;
    private readonly float[] _batchFeatures;
    private readonly float[] _batchTargets;
    private SeededRandom _random;

    public Trainer(SpiralNet network, LabeledPoints train, LabeledPoints test, TrainingSettings settings)
    {
        _network = network;
        _train = train;
        _test = test;
        _settings = settings;
        _order = new int[train.Count];
        for (int i = 0; i < _order.Length; i++)
        {
            _order[i] = i;
        }

        _batchFeatures = new float[settings.BatchSize * SpiralNet.InputSize];
        _batchTargets = new float[settings.BatchSize * SpiralNet.OutputSize];
        _random = new SeededRandom(settings.ShuffleSeed);
    }

    /// <summary>
    /// Trains lazily: each step of the enumeration runs one epoch, so the caller decides how to show progress
    /// (and could stop early) without the trainer knowing about the console.
    /// </summary>
    public IEnumerable<EpochResult> Run()
    {
        for (int epoch = 1; epoch <= _settings.Epochs; epoch++)
        {
            float learningRate = LearningRateAt(epoch);
            float loss = RunEpoch(learningRate);
            bool evaluate = epoch % _settings.EvaluateEvery == 0 || epoch == _settings.Epochs;
            yield return new EpochResult(epoch, loss, learningRate, evaluate ? Evaluate() : null);
        }
    }

    /// <summary>Measures the network on both sets.</summary>
    public Accuracies Evaluate() => new(Accuracy(_network, _train), Accuracy(_network, _test));

    /// <summary>The fraction of <paramref name="points"/> whose most probable class is their label.</summary>
    private static double Accuracy(SpiralNet network, LabeledPoints points)
    {
        Span<float> probabilities = stackalloc float[SpiralNet.OutputSize];
        int correct = 0;
        for (int i = 0; i < points.Count; i++)
        {
            network.Forward(points.FeaturesOf(i), probabilities);
            if (TensorPrimitives.IndexOfMax<float>(probabilities) == points.Labels[i])
            {
                correct++;
            }
        }

        return (double)correct / points.Count;
    }

    /// <summary>
    /// Cosine annealing: big steps early to find the spirals' shape quickly, small steps late so plain SGD settles
    /// into a minimum instead of bouncing around it.
    /// </summary>
    private float LearningRateAt(int epoch)
    {
        double progress = _settings.Epochs == 1 ? 0 : (epoch - 1) / (double)(_settings.Epochs - 1);  // one epoch: at the initial rate
        double cosine = 0.5 * (1 + Math.Cos(Math.PI * progress));
        return (float)(_settings.FinalLearningRate + ((_settings.LearningRate - _settings.FinalLearningRate) * cosine));
    }

    /// <summary>One shuffled pass over the training set; returns the mean loss per sample.</summary>
    private float RunEpoch(float learningRate)
    {
        _random.Shuffle(_order.AsSpan());
        double lossSum = 0;
        for (int start = 0; start < _order.Length; start += _settings.BatchSize)
        {
            int size = Math.Min(_settings.BatchSize, _order.Length - start);
            Span<float> features = _batchFeatures.AsSpan(0, size * SpiralNet.InputSize);
            Span<float> targets = _batchTargets.AsSpan(0, size * SpiralNet.OutputSize);
            for (int k = 0; k < size; k++)
            {
                int sample = _order[start + k];
                _train.FeaturesOf(sample).CopyTo(features.Slice(k * SpiralNet.InputSize));
                _train.TargetsOf(sample).CopyTo(targets.Slice(k * SpiralNet.OutputSize));
            }

            // TrainBatch returns the batch's mean; weighting it by the batch size keeps a short last batch from
            // counting as much as a full one.
            lossSum += _network.TrainBatch(features, targets, learningRate) * (double)size;
        }

        return (float)(lossSum / _order.Length);
    }
}
