namespace GenNN.Tests.Serialization;

/// <summary>
/// Model files in format version 1, written by GenNN before buffers were stored (commit 0d92017, the last with the
/// version 1 writer), with values that are exact in float so the test can name them:
/// <code>
/// var tanh = new TanhNet();                       // parameters[i] = (i − 10) / 8
/// var adam = Optimizer&lt;float&gt;.Create(OptimizerOptions.For(OptimizerKind.Adam), TanhNet.ParameterCount);
/// adam.StepCount = 3;                             // adam.State[i] = i / 2
/// ModelFile.Save(tanh, path, adam);               // TanhWithAdam
/// var batchNorm = new BatchNormVectorNet();       // parameters[i] = (i − 10) / 8
/// ModelFile.Save(batchNorm, path);                // BatchNormVector
/// </code>
/// Bytes from the old writer itself, rather than from a version 1 path kept in today's encoder, test what old files
/// really hold and keep the library free of a writer nothing else uses.
/// </summary>
internal static class ModelFileVersion1Fixtures
{
    /// <summary><see cref="TanhNet"/> with Adam state.</summary>
    public const string TanhWithAdam =
        "iUdOTg0KGgoBAAAAUQAAAAABNgAAAAcAAABUYW5oTmV0LAAAAElucHV0KDMpfERlbnNlKDMtPjUpfERlbnNlKDUtPjQpfERlbnNl"
        + "KDQtPjIpAQAAAAMAAAAAAAAAbAAAAAQb9mkAAKC/AACQvwAAgL8AAGC/AABAvwAAIL8AAAC/AADAvgAAgL4AAAC+AAAAAAAAAD4A"
        + "AIA+AADAPgAAAD8AACA/AABAPwAAYD8AAIA/AACQPwAAoD8AALA/AADAPwAA0D8AAOA/AADwPwAAAEAAAAhAAAAQQAAAGEAAACBA"
        + "AAAoQAAAMEAAADhAAABAQAAASEAAAFBAAABYQAAAYEAAAGhAAABwQAAAeEAAAIBAAACEQAAAiEAAAIxAAACQQAAAlEAAAJhAAACc"
        + "QAAAoEAAAKRAAACoQAAArEAAAAAAAAAAPwAAgD8AAMA/AAAAQAAAIEAAAEBAAABgQAAAgEAAAJBAAACgQAAAsEAAAMBAAADQQAAA"
        + "4EAAAPBAAAAAQQAACEEAABBBAAAYQQAAIEEAAChBAAAwQQAAOEEAAEBBAABIQQAAUEEAAFhBAABgQQAAaEEAAHBBAAB4QQAAgEEA"
        + "AIRBAACIQQAAjEEAAJBBAACUQQAAmEEAAJxBAACgQQAApEEAAKhBAACsQQAAsEEAALRBAAC4QQAAvEEAAMBBAADEQQAAyEEAAMxB"
        + "AADQQQAA1EEAANhBAADcQQAA4EEAAORBAADoQQAA7EEAAPBBAAD0QQAA+EEAAPxBAAAAQgAAAkIAAARCAAAGQgAACEIAAApCAAAM"
        + "QgAADkIAABBCAAASQgAAFEIAABZCAAAYQgAAGkIAABxCAAAeQgAAIEIAACJCAAAkQgAAJkIAAChCAAAqQgAALEIAAC5CAAAwQgAA"
        + "MkIAADRCAAA2QgAAOEIAADpCAAA8QgAAPkIAAEBCAABCQgAAREIAAEZCAABIQgAASkIAAExCAABOQgAAUEIAAFJCAABUQgAAVkJZ"
        + "dCII";

    /// <summary><see cref="BatchNormVectorNet"/>, whose running statistics version 1 could not store.</summary>
    public const string BatchNormVector =
        "iUdOTg0KGgoBAAAAawAAAAAAIgAAABIAAABCYXRjaE5vcm1WZWN0b3JOZXRLAAAASW5wdXQoMyl8RGVuc2UoMy0+NCl8QmF0Y2hO"
        + "b3JtKDQtPjQ7TW9tZW50dW09MC4xLEVwc2lsb249MUUtMDUpfERlbnNlKDQtPjIpdm19KgAAoL8AAJC/AACAvwAAYL8AAEC/AAAg"
        + "vwAAAL8AAMC+AACAvgAAAL4AAAAAAAAAPgAAgD4AAMA+AAAAPwAAID8AAEA/AABgPwAAgD8AAJA/AACgPwAAsD8AAMA/AADQPwAA"
        + "4D8AAPA/AAAAQAAACEAAABBAAAAYQAAAIEAAAChAAAAwQAAAOECN/FlS";
}
