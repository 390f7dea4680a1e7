namespace EclipseOS.Benchmarks.EclipseFS
{
    /// <summary>What <see cref="Count"/> calls of one filesystem operation asked of the device together.</summary>
    /// <param name="Operation">E.g. <c>mkdir</c>.</param>
    /// <param name="Count">Calls made.</param>
    /// <param name="Total">Their device requests, bytes and flushes.</param>
    public sealed record OperationCost(string Operation, int Count, DeviceCounts Total)
    {
        /// <summary>Device write requests per call.</summary>
        public double WritesPerCall => Total.Writes / (double)Count;

        /// <summary>Device flushes per call.</summary>
        public double FlushesPerCall => Total.Flushes / (double)Count;

        /// <summary>Device read requests per call.</summary>
        public double ReadsPerCall => Total.Reads / (double)Count;

        /// <summary>Bytes written to the device per call.</summary>
        public double WriteBytesPerCall => Total.WriteBytes / (double)Count;

        /// <summary>Two costs as one (e.g. a create and the write that fills the file).</summary>
        public static OperationCost operator +(OperationCost a, OperationCost b) =>
            new OperationCost(a.Operation + " + " + b.Operation, a.Count, a.Total + b.Total);
    }
}
