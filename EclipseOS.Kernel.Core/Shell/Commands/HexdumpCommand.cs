using EclipseOS.Storage;

namespace EclipseOS.Kernel.Core.Shell.Commands
{
    /// <summary><c>hexdump DEVICE LBA [COUNT]</c>: shows raw blocks of a device or partition.</summary>
    public sealed class HexdumpCommand : IShellCommand
    {
        /// <summary>Most blocks one call shows, so a typo cannot flood the console.</summary>
        public const int MaxBlocks = 64;

        /// <inheritdoc />
        public string Name => "hexdump";

        /// <inheritdoc />
        public string Usage => "hexdump DEVICE LBA [COUNT]";

        /// <inheritdoc />
        public string Summary => "show COUNT (1.." + MaxBlocks + ", default 1) raw blocks of a device from LBA";

        /// <inheritdoc />
        public void Run(ShellSession session, string[] args)
        {
            if (args.Length < 2 || args.Length > 3)
                throw new ShellException("usage: " + Usage);
            IBlockDevice? device = session.Kernel.Devices.Find(args[0]);
            if (device == null)
                throw new ShellException("no device '" + args[0] + "' (lsblk lists them)");
            ulong lba = ParseNumber(args[1], "LBA");
            ulong count = args.Length == 3 ? ParseNumber(args[2], "COUNT") : 1;
            if (count < 1 || count > MaxBlocks)
                throw new ShellException("COUNT must be 1.." + MaxBlocks + ", not " + args[2]);
            if (lba >= device.BlockCount || count > device.BlockCount - lba)
                throw new ShellException(device.Name + ": blocks " + lba + ".." + (lba + count - 1) + " lie past the end of the device (" + device.BlockCount + " blocks)");
            var buffer = new byte[(int)count * device.BlockSize];
            device.Read(lba, (int)count, buffer, 0);
            string[] lines = HexDump.Format(buffer, buffer.Length, lba * (ulong)device.BlockSize);
            for (int i = 0; i < lines.Length; i++)
                session.Output.WriteLine(lines[i]);
        }

        /// <summary>A decimal or <c>0x</c> hexadecimal number.</summary>
        internal static ulong ParseNumber(string text, string what)
        {
            ulong value = 0;
            bool hex = text.Length > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X');
            int start = hex ? 2 : 0;
            if (text.Length == start)
                throw new ShellException(what + " '" + text + "' is not a number");
            for (int i = start; i < text.Length; i++)
            {
                int digit = Digit(text[i], hex);
                if (digit < 0)
                    throw new ShellException(what + " '" + text + "' is not a number");
                uint scale = hex ? 16u : 10u;
                if (value > (ulong.MaxValue - (ulong)digit) / scale)
                    throw new ShellException(what + " '" + text + "' is too large");
                value = value * scale + (ulong)digit;
            }
            return value;
        }

        private static int Digit(char c, bool hex)
        {
            if (c >= '0' && c <= '9')
                return c - '0';
            if (hex && c >= 'a' && c <= 'f')
                return c - 'a' + 10;
            if (hex && c >= 'A' && c <= 'F')
                return c - 'A' + 10;
            return -1;
        }
    }
}
