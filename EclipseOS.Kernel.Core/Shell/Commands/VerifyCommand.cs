using EclipseOS.EclipseFS.Integrity;
using EclipseOS.Hal.Text;
using EclipseOS.Storage;

namespace EclipseOS.Kernel.Core.Shell.Commands
{
    /// <summary>
    /// <c>verify DEVICE</c>: reads the whole device through its driver and prints the CRC-32C of
    /// every byte, the time and rate by the kernel's clock and the driver's interrupt count; a
    /// host compares the CRC with the image file's. The result also goes to the kernel log.
    /// </summary>
    public sealed class VerifyCommand : IShellCommand
    {
        /// <inheritdoc />
        public string Name => "verify";

        /// <inheritdoc />
        public string Usage => "verify DEVICE";

        /// <inheritdoc />
        public string Summary => "read a whole device through its driver and print its CRC-32C, time and rate";

        /// <inheritdoc />
        public void Run(ShellSession session, string[] args)
        {
            if (args.Length != 1)
                throw new ShellException("usage: " + Usage);
            IBlockDevice device = DeviceArguments.Find(session, args[0]);
            int perRequest = DeviceArguments.BlocksPerRequest(device);
            var buffer = new byte[perRequest * device.BlockSize];
            var crc32c = new Crc32C();
            uint crc = 0;
            ulong requests = 0;
            long start = session.Kernel.Clock.Microseconds;
            for (ulong lba = 0; lba < device.BlockCount;)
            {
                ulong left = device.BlockCount - lba;
                int blocks = left < (ulong)perRequest ? (int)left : perRequest;
                device.Read(lba, blocks, buffer, 0);
                crc = crc32c.Append(crc, buffer, 0, blocks * device.BlockSize);
                lba += (ulong)blocks;
                requests++;
            }
            ulong elapsed = (ulong)(session.Kernel.Clock.Microseconds - start);
            ulong bytes = device.BlockCount * (ulong)device.BlockSize;
            string completion = DeviceArguments.Completion(session, device);
            string summary = device.Name + ": " + device.BlockCount + " blocks of " + device.BlockSize + " bytes, CRC-32C 0x" + Hex.Upper(crc, 8);
            string timing = device.Name + ": " + bytes + " bytes in " + Throughput.Seconds(elapsed) + " (" + Throughput.MibPerSecond(bytes, elapsed) + "), "
                + requests + " reads" + (completion.Length > 0 ? ", " + completion : "");
            session.Output.WriteLine(summary);
            session.Output.WriteLine(timing);
            session.Kernel.Log.Record("[verify] " + summary);
            session.Kernel.Log.Record("[verify] " + timing);
        }
    }
}
