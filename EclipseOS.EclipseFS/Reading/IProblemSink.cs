namespace EclipseOS.EclipseFS
{
    /// <summary>
    /// Where parsing reports what is wrong with an image. The reader's sink throws at the first
    /// problem; fsck's sink collects them all and parsing carries on where it safely can.
    /// </summary>
    internal interface IProblemSink
    {
        /// <summary>Reports a problem in <paramref name="field"/> of <paramref name="inode"/> (0: none) at <paramref name="offset"/>.</summary>
        void Report(uint inode, string field, ulong offset, string problem);
    }

    /// <summary>The reader's sink: the first problem becomes an <see cref="EclipseFsException"/>.</summary>
    internal sealed class ThrowingProblemSink : IProblemSink
    {
        public static readonly ThrowingProblemSink Instance = new ThrowingProblemSink();

        public void Report(uint inode, string field, ulong offset, string problem)
        {
            throw new EclipseFsException(inode, field, offset, problem);
        }
    }
}
