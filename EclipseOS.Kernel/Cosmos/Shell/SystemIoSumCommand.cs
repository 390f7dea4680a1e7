using EclipseOS.EclipseFS.Integrity;
using EclipseOS.Hal.Text;
using EclipseOS.Kernel.Core.Shell;
using File = System.IO.File;

namespace EclipseOS.Kernel.Cosmos.Shell
{
    /// <summary>
    /// <c>iosum PATH</c>: reads a file with <c>System.IO.File.ReadAllBytes</c> through Cosmos's VFS
    /// and prints its length and CRC-32C, for a host to compare with the file it put in the image.
    /// </summary>
    public sealed class SystemIoSumCommand : IShellCommand
    {
        /// <inheritdoc />
        public string Name => "iosum";

        /// <inheritdoc />
        public string Usage => "iosum PATH";

        /// <inheritdoc />
        public string Summary => "length and CRC-32C of a file read through System.IO (File.ReadAllBytes)";

        /// <inheritdoc />
        public void Run(ShellSession session, string[] args)
        {
            if (args.Length != 1)
                throw new ShellException("usage: " + Usage);
            byte[] bytes = File.ReadAllBytes(SystemIoPaths.ToCosmos(session, args[0]));
            uint crc = new Crc32C().Append(0, bytes, 0, bytes.Length);
            session.Output.WriteLine(args[0] + ": " + bytes.Length + " bytes, CRC-32C 0x" + Hex.Upper(crc, 8));
        }
    }
}
