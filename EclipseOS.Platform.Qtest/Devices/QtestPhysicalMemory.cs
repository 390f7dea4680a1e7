using System;
using EclipseOS.Hal;
using EclipseOS.Platform.Qtest.Protocol;

namespace EclipseOS.Platform.Qtest.Devices
{
    /// <summary>
    /// Guest-physical memory as qtest <c>read*/write*</c> commands; bulk copies go through
    /// <c>b64read</c>/<c>b64write</c>. Single accesses below the guest's RAM size count as RAM
    /// accesses, the rest as MMIO (device registers).
    /// </summary>
    public sealed class QtestPhysicalMemory : IPhysicalMemory
    {
        /// <summary>Bytes per <c>b64read</c>/<c>b64write</c> line: large enough to amortise the round trip, small enough to bound buffers.</summary>
        private const int BulkChunk = 1024 * 1024;

        private readonly QtestConnection _qtest;
        private readonly QtestCounters _counters;
        private readonly ulong _ramSize;

        /// <summary>Accesses memory over <paramref name="qtest"/>; <paramref name="ramSize"/> bytes from address 0 are RAM.</summary>
        public QtestPhysicalMemory(QtestConnection qtest, QtestCounters counters, ulong ramSize)
        {
            _qtest = qtest;
            _counters = counters;
            _ramSize = ramSize;
        }

        /// <inheritdoc />
        public byte Read8(ulong address) => (byte)Read("readb 0x", address);

        /// <inheritdoc />
        public ushort Read16(ulong address) => (ushort)Read("readw 0x", address);

        /// <inheritdoc />
        public uint Read32(ulong address) => (uint)Read("readl 0x", address);

        /// <inheritdoc />
        public ulong Read64(ulong address) => Read("readq 0x", address);

        /// <inheritdoc />
        public void Write8(ulong address, byte value) => Write("writeb 0x", address, value);

        /// <inheritdoc />
        public void Write16(ulong address, ushort value) => Write("writew 0x", address, value);

        /// <inheritdoc />
        public void Write32(ulong address, uint value) => Write("writel 0x", address, value);

        /// <inheritdoc />
        public void Write64(ulong address, ulong value) => Write("writeq 0x", address, value);

        /// <inheritdoc />
        public void Read(ulong address, byte[] buffer, int offset, int count)
        {
            CheckRange(buffer, offset, count);
            for (int done = 0; done < count;)
            {
                int chunk = Math.Min(BulkChunk, count - done);
                _qtest.QueryBase64Read(address + (ulong)done, buffer, offset + done, chunk);
                done += chunk;
            }
            _counters.BulkBytesRead += count;
        }

        /// <inheritdoc />
        public void Write(ulong address, byte[] buffer, int offset, int count)
        {
            CheckRange(buffer, offset, count);
            for (int done = 0; done < count;)
            {
                int chunk = Math.Min(BulkChunk, count - done);
                _qtest.SendBase64Write(address + (ulong)done, buffer, offset + done, chunk);
                done += chunk;
            }
            _counters.BulkBytesWritten += count;
        }

        /// <summary>Fills <paramref name="count"/> bytes of RAM with <paramref name="value"/> (qtest <c>memset</c>).</summary>
        public void Fill(ulong address, int count, byte value)
        {
            if (count < 0) throw new ArgumentOutOfRangeException(nameof(count));
            if (count == 0) return;
            _qtest.Send("memset 0x" + address.ToString("x") + " 0x" + count.ToString("x") + " 0x" + value.ToString("x"));
            _counters.BulkBytesWritten += count;
        }

        private ulong Read(string command, ulong address)
        {
            if (address < _ramSize) _counters.RamReads++;
            else _counters.MmioReads++;
            return _qtest.QueryValue(command + address.ToString("x"));
        }

        private void Write(string command, ulong address, ulong value)
        {
            if (address < _ramSize) _counters.RamWrites++;
            else _counters.MmioWrites++;
            _qtest.Send(command + address.ToString("x") + " 0x" + value.ToString("x"));
        }

        private static void CheckRange(byte[] buffer, int offset, int count)
        {
            if (buffer == null) throw new ArgumentNullException(nameof(buffer));
            if (offset < 0 || count < 0 || (long)offset + count > buffer.Length)
                throw new ArgumentOutOfRangeException(nameof(count), "copy of " + count + " bytes at offset " + offset + " overruns a buffer of " + buffer.Length + " bytes");
        }
    }
}
