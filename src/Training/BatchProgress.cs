namespace GenNN.Training;

/// <summary>Where a fit is, after a batch (see <see cref="ITrainingProgress.OnBatchCompleted"/>).</summary>
/// <param name="Epoch">The current epoch, from 1.</param>
/// <param name="Epochs">The epochs the fit runs at most.</param>
/// <param name="Batch">The batch just applied, from 1.</param>
/// <param name="BatchCount">Batches per epoch.</param>
/// <param name="RunningLoss">The mean training loss per sample over the epoch's samples so far (a partial batch counts by its size).</param>
/// <param name="LearningRate">The epoch's learning rate.</param>
public readonly record struct BatchProgress(int Epoch, int Epochs, int Batch, int BatchCount, double RunningLoss, double LearningRate);
