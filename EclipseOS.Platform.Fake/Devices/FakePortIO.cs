using System;
using EclipseOS.Hal;

namespace EclipseOS.Platform.Fake.Devices
{
    /// <summary>
    /// Port I/O routed to fake devices: statically mapped ranges first, then the I/O BARs of
    /// PCI functions that have I/O decoding enabled. A port nothing decodes reads all ones and
    /// swallows writes, as on a PC. String transfers hand each word to the device in turn.
    /// </summary>
    public sealed class FakePortIO : IPortIO
    {
        private readonly FakePlatform _platform;

        internal FakePortIO(FakePlatform platform)
        {
            _platform = platform;
        }

        /// <inheritdoc />
        public byte Read8(ushort port) => (byte)Read(port, 1);

        /// <inheritdoc />
        public ushort Read16(ushort port) => (ushort)Read(port, 2);

        /// <inheritdoc />
        public uint Read32(ushort port) => (uint)Read(port, 4);

        /// <inheritdoc />
        public void Write8(ushort port, byte value) => Write(port, 1, value);

        /// <inheritdoc />
        public void Write16(ushort port, ushort value) => Write(port, 2, value);

        /// <inheritdoc />
        public void Write32(ushort port, uint value) => Write(port, 4, value);

        /// <inheritdoc />
        public void ReadString16(ushort port, byte[] buffer, int offset, int wordCount)
        {
            CheckString(buffer, offset, wordCount);
            _platform.EnterFromDriver();
            _platform.Counters.PortString(true, wordCount);
            IRegisterHandler? handler = _platform.DecodePort(port, out ulong registerOffset, out string name);
            _platform.Trace.Record(FakeAccessKind.PortStringRead, port, 2, (ulong)wordCount, name);
            if (handler == null) _platform.Counters.Unhandled();
            for (int i = 0; i < wordCount; i++)
            {
                ulong word = handler == null ? 0xFFFF : handler.Read(registerOffset, 2);
                buffer[offset + 2 * i] = (byte)word;
                buffer[offset + 2 * i + 1] = (byte)(word >> 8);
            }
        }

        /// <inheritdoc />
        public void WriteString16(ushort port, byte[] buffer, int offset, int wordCount)
        {
            CheckString(buffer, offset, wordCount);
            _platform.EnterFromDriver();
            _platform.Counters.PortString(false, wordCount);
            IRegisterHandler? handler = _platform.DecodePort(port, out ulong registerOffset, out string name);
            _platform.Trace.Record(FakeAccessKind.PortStringWrite, port, 2, (ulong)wordCount, name);
            if (handler == null)
            {
                _platform.Counters.Unhandled();
                return;
            }
            for (int i = 0; i < wordCount; i++)
                handler.Write(registerOffset, 2, (ulong)(buffer[offset + 2 * i] | (buffer[offset + 2 * i + 1] << 8)));
        }

        private ulong Read(ushort port, int size)
        {
            _platform.EnterFromDriver();
            _platform.Counters.PortRead();
            IRegisterHandler? handler = _platform.DecodePort(port, out ulong registerOffset, out string name);
            ulong value = _platform.ReadRegister(handler, registerOffset, size);
            _platform.Trace.Record(FakeAccessKind.PortRead, port, size, value, name);
            return value;
        }

        private void Write(ushort port, int size, ulong value)
        {
            _platform.EnterFromDriver();
            _platform.Counters.PortWrite();
            IRegisterHandler? handler = _platform.DecodePort(port, out ulong registerOffset, out string name);
            _platform.Trace.Record(FakeAccessKind.PortWrite, port, size, value, name);
            _platform.WriteRegister(handler, registerOffset, size, value);
        }

        private static void CheckString(byte[] buffer, int offset, int wordCount)
        {
            if (buffer == null) throw new ArgumentNullException(nameof(buffer));
            if (wordCount < 0 || offset < 0 || offset > buffer.Length - 2L * wordCount)
                throw new ArgumentOutOfRangeException(nameof(wordCount), wordCount + " words at offset " + offset + " do not fit a " + buffer.Length + "-byte buffer");
        }
    }
}
