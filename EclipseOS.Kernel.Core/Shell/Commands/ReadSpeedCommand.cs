using EclipseOS.Storage;

namespace EclipseOS.Kernel.Core.Shell.Commands
{
    /// <summary>
    /// <c>readspeed DEVICE [MIB]</c>: reads MIB MiB (default the whole device, at most
    /// <see cref="DefaultMaxMib"/>) sequentially in 4 MiB requests, touching nothing but the
    /// driver, and prints the rate by the kernel's own clock (<c>eclipse bench guest</c>).
    /// </summary>
    public sealed class ReadSpeedCommand : IShellCommand
    {
        /// <summary>What is read when no size is given and the device is larger.</summary>
        public const ulong DefaultMaxMib = 256;

        /// <inheritdoc />
        public string Name => "readspeed";

        /// <inheritdoc />
        public string Usage => "readspeed DEVICE [MIB]";

        /// <inheritdoc />
        public string Summary => "read MIB MiB (default all, at most " + DefaultMaxMib + ") of a device sequentially and print the rate";

        /// <inheritdoc />
        public void Run(ShellSession session, string[] args)
        {
            if (args.Length < 1 || args.Length > 2)
                throw new ShellException("usage: " + Usage);
            IBlockDevice device = DeviceArguments.Find(session, args[0]);
            ulong deviceBytes = device.BlockCount * (ulong)device.BlockSize;
            ulong wanted = args.Length == 2 ? DeviceArguments.Number(args[1], "MIB") << 20 : DefaultMaxMib << 20;
            if (wanted == 0)
                throw new ShellException("MIB must be at least 1");
            if (args.Length == 2 && wanted > deviceBytes)
                throw new ShellException(device.Name + " holds " + deviceBytes + " bytes, less than " + args[1] + " MiB");
            ulong blocksToRead = (wanted < deviceBytes ? wanted : deviceBytes) / (uint)device.BlockSize;
            int perRequest = DeviceArguments.BlocksPerRequest(device);
            var buffer = new byte[perRequest * device.BlockSize];
            ulong requests = 0;
            long start = session.Kernel.Clock.Microseconds;
            for (ulong lba = 0; lba < blocksToRead;)
            {
                ulong left = blocksToRead - lba;
                int blocks = left < (ulong)perRequest ? (int)left : perRequest;
                device.Read(lba, blocks, buffer, 0);
                lba += (ulong)blocks;
                requests++;
            }
            ulong elapsed = (ulong)(session.Kernel.Clock.Microseconds - start);
            ulong bytes = blocksToRead * (ulong)device.BlockSize;
            string completion = DeviceArguments.Completion(session, device);
            string line = device.Name + ": read " + bytes + " bytes in " + Throughput.Seconds(elapsed) + ": " + Throughput.MibPerSecond(bytes, elapsed)
                + " (" + requests + " reads of up to " + (perRequest * device.BlockSize) + " bytes" + (completion.Length > 0 ? ", " + completion : "") + "; " + elapsed + " us)";
            session.Output.WriteLine(line);
            session.Kernel.Log.Record("[readspeed] " + line);
        }
    }
}
