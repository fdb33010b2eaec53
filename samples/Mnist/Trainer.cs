using System;
using System.Collections.Generic;
using System.Diagnostics;
using GenNN.Data;

namespace GenNN.Samples.Mnist;

/// <summary>The knobs of a training run.</summary>
/// <param name="Epochs">Passes over the training set.</param>
/// <param name="BatchSize">Samples per SGD step.</param>
/// <param name="LearningRate">The step size of the first epoch; it decays along a cosine to <see cref="FinalLearningRate"/>.</param>
/// <param name="FinalLearningRate">The step size of the last epoch.</param>
/// <param name="ShuffleSeed">Seeds the per-epoch shuffles, so a run is reproducible.</param>
internal sealed record TrainingSettings(int Epochs, int BatchSize, float LearningRate, float FinalLearningRate, long ShuffleSeed);

/// <summary>What one epoch did.</summary>
/// <param name="Epoch">The epoch, from 1.</param>
/// <param name="Loss">The mean training loss per sample over the epoch (cross-entropy, measured before each step).</param>
/// <param name="LearningRate">The epoch's learning rate.</param>
/// <param name="TestAccuracy">The fraction of test digits classified correctly after the epoch.</param>
/// <param name="Duration">The epoch's training time (without the test evaluation).</param>
internal readonly record struct EpochReport(int Epoch, double Loss, float LearningRate, double TestAccuracy, TimeSpan Duration);

/// <summary>
/// Minibatch SGD on a generated network with its <c>TrainBatch</c>: each epoch shuffles the training
/// set in place, so every minibatch is a contiguous view of it that <c>TrainBatch</c> reads where it lies.
/// </summary>
internal sealed class Trainer
{
    private readonly ITrainableNetwork<float> _network;
    private readonly Dataset<float> _training;
    private readonly Dataset<float> _test;
    private readonly TrainingSettings _settings;
    private SeededRandom _random;

    public Trainer(ITrainableNetwork<float> network, Dataset<float> training, Dataset<float> test, TrainingSettings settings)
    {
        _network = network;
        _training = training;
        _test = test;
        _settings = settings;
        _random = new SeededRandom(settings.ShuffleSeed);
    }

    /// <summary>Trains lazily, one epoch per step of the enumeration, so the caller reports progress as it comes.</summary>
    public IEnumerable<EpochReport> Run()
    {
        for (int epoch = 1; epoch <= _settings.Epochs; epoch++)
        {
            float learningRate = LearningRateAt(epoch);
            var stopwatch = Stopwatch.StartNew();
            double loss = RunEpoch(learningRate);
            stopwatch.Stop();
            double accuracy = Evaluation.Accuracy(Evaluation.Predict(_network, _test), _test);
            yield return new EpochReport(epoch, loss, learningRate, accuracy, stopwatch.Elapsed);
        }
    }

    /// <summary>
    /// Cosine annealing: large steps while the network finds the digits' broad shapes, small ones at the end so plain
    /// SGD settles into a minimum instead of bouncing around it.
    /// </summary>
    private float LearningRateAt(int epoch)
    {
        double progress = _settings.Epochs == 1 ? 0 : (epoch - 1) / (double)(_settings.Epochs - 1);  // one epoch: at the initial rate
        double cosine = 0.5 * (1 + Math.Cos(Math.PI * progress));
        return (float)(_settings.FinalLearningRate + ((_settings.LearningRate - _settings.FinalLearningRate) * cosine));
    }

    /// <summary>One shuffled pass over the training set; returns the mean loss per sample.</summary>
    private double RunEpoch(float learningRate)
    {
        _training.Shuffle(ref _random);
        double lossSum = 0;
        foreach (Minibatch<float> batch in _training.Minibatches(_settings.BatchSize))
        {
            // TrainBatch returns the batch's mean; weighting it by the batch size keeps a short last batch from
            // counting as much as a full one.
            lossSum += _network.TrainBatch(batch.Inputs, batch.Targets, learningRate) * (double)batch.Count;
        }

        return lossSum / _training.Count;
    }
}
