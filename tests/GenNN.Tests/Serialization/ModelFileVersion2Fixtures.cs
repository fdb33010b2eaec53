namespace GenNN.Tests.Serialization;

/// <summary>
/// A model file in format version 2, written by GenNN before the optimizer state's blocks were named (commit 2349f78,
/// the last with the version 2 writer), with values that are exact in float so the test can name them:
/// <code>
/// var tanh = new TanhNet();                       // parameters[i] = (i − 10) / 8
/// var rmsprop = Optimizer&lt;float&gt;.Create(OptimizerOptions.For(OptimizerKind.RMSprop) with { Momentum = 0.9 }, TanhNet.ParameterCount);
/// rmsprop.StepCount = 3;                          // rmsprop.State[i] = i / 2
/// ModelFile.Save(tanh, path, rmsprop);            // TanhWithRmsPropMomentum
/// </code>
/// </summary>
internal static class ModelFileVersion2Fixtures
{
    /// <summary><see cref="TanhNet"/> with the state of RMSprop with momentum: <c>square_avg</c>, <c>momentum_buffer</c>.</summary>
    public const string TanhWithRmsPropMomentum =
        "iUdOTg0KGgoCAAAAVQAAAAABNgAAAAAAAAAHAAAAVGFuaE5ldCwAAABJbnB1dCgzKXxEZW5zZSgzLT41KXxEZW5zZSg1LT40KXxE"
        + "ZW5zZSg0LT4yKQMAAAADAAAAAAAAAGwAAAAgqPKIAACgvwAAkL8AAIC/AABgvwAAQL8AACC/AAAAvwAAwL4AAIC+AAAAvgAAAAAA"
        + "AAA+AACAPgAAwD4AAAA/AAAgPwAAQD8AAGA/AACAPwAAkD8AAKA/AACwPwAAwD8AANA/AADgPwAA8D8AAABAAAAIQAAAEEAAABhA"
        + "AAAgQAAAKEAAADBAAAA4QAAAQEAAAEhAAABQQAAAWEAAAGBAAABoQAAAcEAAAHhAAACAQAAAhEAAAIhAAACMQAAAkEAAAJRAAACY"
        + "QAAAnEAAAKBAAACkQAAAqEAAAKxAAAAAAAAAAD8AAIA/AADAPwAAAEAAACBAAABAQAAAYEAAAIBAAACQQAAAoEAAALBAAADAQAAA"
        + "0EAAAOBAAADwQAAAAEEAAAhBAAAQQQAAGEEAACBBAAAoQQAAMEEAADhBAABAQQAASEEAAFBBAABYQQAAYEEAAGhBAABwQQAAeEEA"
        + "AIBBAACEQQAAiEEAAIxBAACQQQAAlEEAAJhBAACcQQAAoEEAAKRBAACoQQAArEEAALBBAAC0QQAAuEEAALxBAADAQQAAxEEAAMhB"
        + "AADMQQAA0EEAANRBAADYQQAA3EEAAOBBAADkQQAA6EEAAOxBAADwQQAA9EEAAPhBAAD8QQAAAEIAAAJCAAAEQgAABkIAAAhCAAAK"
        + "QgAADEIAAA5CAAAQQgAAEkIAABRCAAAWQgAAGEIAABpCAAAcQgAAHkIAACBCAAAiQgAAJEIAACZCAAAoQgAAKkIAACxCAAAuQgAA"
        + "MEIAADJCAAA0QgAANkIAADhCAAA6QgAAPEIAAD5CAABAQgAAQkIAAERCAABGQgAASEIAAEpCAABMQgAATkIAAFBCAABSQgAAVEIA"
        + "AFZCWXQiCA==";
}
