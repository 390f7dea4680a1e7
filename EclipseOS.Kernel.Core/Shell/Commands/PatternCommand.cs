using EclipseOS.EclipseFS.Integrity;
using EclipseOS.Hal.Text;
using EclipseOS.Storage;

namespace EclipseOS.Kernel.Core.Shell.Commands
{
    /// <summary>
    /// <c>pattern DEVICE LBA COUNT SEED</c>: writes COUNT blocks from LBA with the
    /// <see cref="TestPattern"/> stream of SEED through the driver, then flushes the device, so
    /// a host can find exactly those bytes in the image once QEMU has gone. Prints the CRC-32C
    /// of what was written.
    /// </summary>
    public sealed class PatternCommand : IShellCommand
    {
        /// <inheritdoc />
        public string Name => "pattern";

        /// <inheritdoc />
        public string Usage => "pattern DEVICE LBA COUNT SEED";

        /// <inheritdoc />
        public string Summary => "write COUNT blocks of a seeded test pattern from LBA, then flush (destroys what was there)";

        /// <inheritdoc />
        public void Run(ShellSession session, string[] args)
        {
            if (args.Length != 4)
                throw new ShellException("usage: " + Usage);
            IBlockDevice device = DeviceArguments.Find(session, args[0]);
            ulong lba = DeviceArguments.Number(args[1], "LBA");
            ulong count = DeviceArguments.Number(args[2], "COUNT");
            ulong seed = DeviceArguments.Number(args[3], "SEED");
            if (seed > uint.MaxValue)
                throw new ShellException("SEED must fit 32 bits, not " + args[3]);
            if (count == 0)
                throw new ShellException("COUNT must be at least 1");
            if (device.IsReadOnly)
                throw new ShellException(device.Name + " is read-only");
            if (lba >= device.BlockCount || count > device.BlockCount - lba)
                throw new ShellException(device.Name + ": blocks " + lba + ".." + (lba + count - 1) + " lie past the end of the device (" + device.BlockCount + " blocks)");
            int perRequest = DeviceArguments.BlocksPerRequest(device);
            var buffer = new byte[perRequest * device.BlockSize];
            var crc32c = new Crc32C();
            uint crc = 0;
            ulong position = 0;
            for (ulong done = 0; done < count;)
            {
                ulong left = count - done;
                int blocks = left < (ulong)perRequest ? (int)left : perRequest;
                int bytes = blocks * device.BlockSize;
                TestPattern.Fill((uint)seed, position, buffer, 0, bytes);
                device.Write(lba + done, blocks, buffer, 0);
                crc = crc32c.Append(crc, buffer, 0, bytes);
                position += (ulong)bytes;
                done += (ulong)blocks;
            }
            device.Flush();
            session.Output.WriteLine(device.Name + ": wrote " + count + " blocks from LBA " + lba + " (" + position + " bytes, seed " + seed + "), CRC-32C 0x" + Hex.Upper(crc, 8) + ", flushed");
        }
    }
}
