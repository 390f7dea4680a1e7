using System;

namespace EclipseOS.Benchmarks.EclipseFS
{
    /// <summary>
    /// What a filesystem asked of its block device, as a <see cref="CountingBlockDevice"/> saw it:
    /// requests, bytes and the time spent inside the device's calls.
    /// </summary>
    /// <param name="Reads">Read requests.</param>
    /// <param name="ReadBytes">Bytes read.</param>
    /// <param name="Writes">Write requests.</param>
    /// <param name="WriteBytes">Bytes written.</param>
    /// <param name="SingleBlockWrites">Write requests of one block (the partial-block read-modify-writes show up here).</param>
    /// <param name="Flushes">Cache flushes.</param>
    /// <param name="DeviceTime">Wall time inside the device's Read, Write and Flush.</param>
    /// <param name="FlushTime">The part of <paramref name="DeviceTime"/> inside Flush.</param>
    public readonly record struct DeviceCounts(long Reads, long ReadBytes, long Writes, long WriteBytes, long SingleBlockWrites, long Flushes, TimeSpan DeviceTime, TimeSpan FlushTime)
    {
        /// <summary>What happened between <paramref name="before"/> and <paramref name="after"/>.</summary>
        public static DeviceCounts operator -(DeviceCounts after, DeviceCounts before) => new DeviceCounts(
            after.Reads - before.Reads, after.ReadBytes - before.ReadBytes, after.Writes - before.Writes, after.WriteBytes - before.WriteBytes,
            after.SingleBlockWrites - before.SingleBlockWrites, after.Flushes - before.Flushes, after.DeviceTime - before.DeviceTime, after.FlushTime - before.FlushTime);

        /// <summary>The sum of two spans of counting.</summary>
        public static DeviceCounts operator +(DeviceCounts a, DeviceCounts b) => new DeviceCounts(
            a.Reads + b.Reads, a.ReadBytes + b.ReadBytes, a.Writes + b.Writes, a.WriteBytes + b.WriteBytes,
            a.SingleBlockWrites + b.SingleBlockWrites, a.Flushes + b.Flushes, a.DeviceTime + b.DeviceTime, a.FlushTime + b.FlushTime);
    }
}
