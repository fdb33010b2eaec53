using System;
using System.Collections.Generic;
using System.IO;
using GenNN.Data;
using SkiaSharp;
using MnistFiles = GenNN.Data.Mnist;

namespace GenNN.Samples.Mnist;

/// <summary>Draws a grid of test digits the network got wrong, each captioned "true → predicted".</summary>
internal static class MisclassifiedDigits
{
    private const int Columns = 10;
    private const int MaxRows = 6;
    private const int Scale = 3;
    private const int Caption = 18;
    private const int Margin = 6;
    private const int CellWidth = (MnistFiles.ImageSide * Scale) + (2 * Margin);
    private const int CellHeight = (MnistFiles.ImageSide * Scale) + Caption + (2 * Margin);
    private const int TitleHeight = 30;

    /// <summary>Writes the first mistakes, in test-set order (at most 60), to <paramref name="path"/>; returns how many it drew.</summary>
    public static int Save(int[] predictions, Dataset<float> test, string path)
    {
        var mistakes = new List<int>();
        for (int i = 0; i < predictions.Length && mistakes.Count < Columns * MaxRows; i++)
        {
            if (predictions[i] != test.LabelOf(i))
            {
                mistakes.Add(i);
            }
        }

        int rows = Math.Max(1, (mistakes.Count + Columns - 1) / Columns);
        using var bitmap = new SKBitmap(Columns * CellWidth, TitleHeight + (rows * CellHeight));
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.White);
            using var font = new SKFont(SKTypeface.Default, 15);
            using var titleFont = new SKFont(SKTypeface.Default, 17);
            using var paint = new SKPaint { Color = SKColors.DarkRed, IsAntialias = true };
            using var titlePaint = new SKPaint { Color = SKColors.Black, IsAntialias = true };
            canvas.DrawText(
                $"Misclassified test digits, captioned true \u2192 predicted ({mistakes.Count} shown)",
                bitmap.Width / 2f,
                TitleHeight - 9,
                SKTextAlign.Center,
                titleFont,
                titlePaint);
            for (int k = 0; k < mistakes.Count; k++)
            {
                int sample = mistakes[k];
                int left = (k % Columns * CellWidth) + Margin;
                int top = TitleHeight + (k / Columns * CellHeight) + Margin;
                DrawDigit(bitmap, test.FeaturesOf(sample), left, top);
                canvas.DrawText(
                    $"{test.LabelOf(sample)} \u2192 {predictions[sample]}",
                    left + (MnistFiles.ImageSide * Scale / 2f),
                    top + (MnistFiles.ImageSide * Scale) + Caption - 3,
                    SKTextAlign.Center,
                    font,
                    paint);
            }
        }

        using SKData png = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        using FileStream file = File.Create(path);
        png.SaveTo(file);
        return mistakes.Count;
    }

    /// <summary>Paints one digit, ink dark on white as on paper, each pixel a <see cref="Scale"/>-pixel square.</summary>
    private static void DrawDigit(SKBitmap bitmap, ReadOnlySpan<float> pixels, int left, int top)
    {
        for (int y = 0; y < MnistFiles.ImageSide * Scale; y++)
        {
            for (int x = 0; x < MnistFiles.ImageSide * Scale; x++)
            {
                byte shade = (byte)(255 - (int)Math.Round(255 * pixels[(y / Scale * MnistFiles.ImageSide) + (x / Scale)]));
                bitmap.SetPixel(left + x, top + y, new SKColor(shade, shade, shade));
            }
        }
    }
}
