using System.Collections.Generic;
using System.Linq;
using ScottPlot;

namespace GenNN.Samples.Mnist;

/// <summary>Draws the training curves: loss per epoch on the left axis, test accuracy on the right.</summary>
internal static class TrainingCharts
{
    public static void Save(IReadOnlyList<EpochReport> epochs, string networkName, string path)
    {
        double[] epochNumbers = epochs.Select(e => (double)e.Epoch).ToArray();
        var plot = new Plot();
        plot.Title($"{networkName}: training loss and test accuracy");
        plot.XLabel("epoch");
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };

        var loss = plot.Add.Scatter(epochNumbers, epochs.Select(e => e.Loss).ToArray());
        loss.LegendText = "training loss (cross-entropy)";
        loss.LineWidth = 2;
        loss.MarkerSize = 6;
        plot.Axes.Left.Label.Text = "training loss";

        var accuracy = plot.Add.Scatter(epochNumbers, epochs.Select(e => 100 * e.TestAccuracy).ToArray());
        accuracy.LegendText = "test accuracy (%)";
        accuracy.LineWidth = 2;
        accuracy.MarkerSize = 6;
        accuracy.Axes.YAxis = plot.Axes.Right;
        plot.Axes.Right.Label.Text = "test accuracy (%)";

        var target = plot.Add.HorizontalLine(98);
        target.Axes.YAxis = plot.Axes.Right;
        target.LinePattern = LinePattern.Dashed;
        target.Color = accuracy.Color.WithAlpha(0.5);
        target.LegendText = "98 % target";

        plot.Axes.SetLimitsY(0, epochs.Max(e => e.Loss) * 1.1, plot.Axes.Left);
        plot.ShowLegend(Edge.Bottom);
        plot.SavePng(path, 900, 520);
    }
}
