namespace GenNN.Training;

/// <summary>The shape of a fit about to run, for <see cref="ITrainingProgress.OnFitStarted"/>.</summary>
/// <param name="Epochs">The epochs it will run at most.</param>
/// <param name="BatchesPerEpoch">Optimizer steps per epoch.</param>
/// <param name="TrainingSamples">Samples trained on.</param>
/// <param name="ValidationSamples">Samples validated on (0 for none).</param>
/// <param name="DegreeOfParallelism">Threads computing gradients.</param>
/// <param name="Optimizer">The optimizer and its hyperparameters.</param>
public sealed record FitStart(
    int Epochs,
    int BatchesPerEpoch,
    int TrainingSamples,
    int ValidationSamples,
    int DegreeOfParallelism,
    OptimizerOptions Optimizer);
