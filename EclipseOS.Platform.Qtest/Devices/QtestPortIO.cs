using System;
using EclipseOS.Hal;
using EclipseOS.Platform.Qtest.Protocol;

namespace EclipseOS.Platform.Qtest.Devices
{
    /// <summary>
    /// Port I/O as qtest <c>in*/out*</c> commands. Writes are pipelined; a string read
    /// (<c>rep insw</c>) is one burst of <c>inw</c> commands whose answers are read together.
    /// </summary>
    public sealed class QtestPortIO : IPortIO
    {
        private readonly QtestConnection _qtest;
        private readonly QtestCounters _counters;
        private ulong[] _burst = new ulong[256];

        /// <summary>Issues port I/O over <paramref name="qtest"/>.</summary>
        public QtestPortIO(QtestConnection qtest, QtestCounters counters)
        {
            _qtest = qtest;
            _counters = counters;
        }

        /// <inheritdoc />
        public byte Read8(ushort port)
        {
            _counters.PortReads++;
            return (byte)_qtest.QueryValue("inb 0x" + port.ToString("x"));
        }

        /// <inheritdoc />
        public ushort Read16(ushort port)
        {
            _counters.PortReads++;
            return (ushort)_qtest.QueryValue("inw 0x" + port.ToString("x"));
        }

        /// <inheritdoc />
        public uint Read32(ushort port)
        {
            _counters.PortReads++;
            return (uint)_qtest.QueryValue("inl 0x" + port.ToString("x"));
        }

        /// <inheritdoc />
        public void Write8(ushort port, byte value)
        {
            _counters.PortWrites++;
            _qtest.Send("outb 0x" + port.ToString("x") + " 0x" + value.ToString("x"));
        }

        /// <inheritdoc />
        public void Write16(ushort port, ushort value)
        {
            _counters.PortWrites++;
            _qtest.Send("outw 0x" + port.ToString("x") + " 0x" + value.ToString("x"));
        }

        /// <inheritdoc />
        public void Write32(ushort port, uint value)
        {
            _counters.PortWrites++;
            _qtest.Send("outl 0x" + port.ToString("x") + " 0x" + value.ToString("x"));
        }

        /// <inheritdoc />
        public void ReadString16(ushort port, byte[] buffer, int offset, int wordCount)
        {
            CheckRange(buffer, offset, wordCount);
            if (wordCount == 0) return;
            if (_burst.Length < wordCount) _burst = new ulong[wordCount];
            _counters.PortReads += wordCount;
            _qtest.QueryValues("inw 0x" + port.ToString("x"), wordCount, _burst);
            for (int i = 0; i < wordCount; i++)
            {
                buffer[offset + 2 * i] = (byte)_burst[i];
                buffer[offset + 2 * i + 1] = (byte)(_burst[i] >> 8);
            }
        }

        /// <inheritdoc />
        public void WriteString16(ushort port, byte[] buffer, int offset, int wordCount)
        {
            CheckRange(buffer, offset, wordCount);
            string prefix = "outw 0x" + port.ToString("x") + " 0x";
            for (int i = 0; i < wordCount; i++)
            {
                ushort word = (ushort)(buffer[offset + 2 * i] | (buffer[offset + 2 * i + 1] << 8));
                _counters.PortWrites++;
                _qtest.Send(prefix + word.ToString("x"));
            }
        }

        private static void CheckRange(byte[] buffer, int offset, int wordCount)
        {
            if (buffer == null) throw new ArgumentNullException(nameof(buffer));
            if (offset < 0 || wordCount < 0 || (long)offset + 2L * wordCount > buffer.Length)
                throw new ArgumentOutOfRangeException(nameof(wordCount), "string port I/O of " + wordCount + " words at offset " + offset + " overruns a buffer of " + buffer.Length + " bytes");
        }
    }
}
