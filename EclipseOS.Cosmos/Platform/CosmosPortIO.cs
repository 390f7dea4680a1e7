using EclipseOS.Hal;
using CosmosIOPort = Cosmos.Core.IOPort;

namespace EclipseOS.Cosmos.Platform
{
    /// <summary>Port I/O on <c>Cosmos.Core.IOPort</c>: <c>in</c>/<c>out</c> and <c>rep insw</c>.</summary>
    public sealed class CosmosPortIO : IPortIO
    {
        // IOPort.Read16(port, ushort[]) fills the whole array with one rep insw, so string reads
        // go through a word array of exactly the requested length, kept for the next call (an
        // ATA driver asks for 256 words every time).
        private ushort[] _words = new ushort[256];

        /// <inheritdoc />
        public byte Read8(ushort port) => CosmosIOPort.Read8(port);

        /// <inheritdoc />
        public ushort Read16(ushort port) => CosmosIOPort.Read16(port);

        /// <inheritdoc />
        public uint Read32(ushort port) => CosmosIOPort.Read32(port);

        /// <inheritdoc />
        public void Write8(ushort port, byte value) => CosmosIOPort.Write8(port, value);

        /// <inheritdoc />
        public void Write16(ushort port, ushort value) => CosmosIOPort.Write16(port, value);

        /// <inheritdoc />
        public void Write32(ushort port, uint value) => CosmosIOPort.Write32(port, value);

        /// <inheritdoc />
        public void ReadString16(ushort port, byte[] buffer, int offset, int wordCount)
        {
            BufferRange.Check(buffer, offset, wordCount * 2);
            if (_words.Length != wordCount)
                _words = new ushort[wordCount];
            CosmosIOPort.Read16(port, _words);
            for (int i = 0; i < wordCount; i++)
            {
                ushort word = _words[i];
                buffer[offset + 2 * i] = (byte)word;
                buffer[offset + 2 * i + 1] = (byte)(word >> 8);
            }
        }

        /// <inheritdoc />
        public void WriteString16(ushort port, byte[] buffer, int offset, int wordCount)
        {
            // Cosmos has no rep outsw overload; word-by-word out is what it would do anyway.
            BufferRange.Check(buffer, offset, wordCount * 2);
            for (int i = 0; i < wordCount; i++)
                CosmosIOPort.Write16(port, (ushort)(buffer[offset + 2 * i] | (buffer[offset + 2 * i + 1] << 8)));
        }
    }
}
