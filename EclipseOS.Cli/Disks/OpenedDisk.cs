using System;
using EclipseOS.Platform.Qtest;
using EclipseOS.Storage;

namespace EclipseOS.Cli.Disks
{
    /// <summary>
    /// A disk image opened through one of our drivers on a QEMU machine: the block device the
    /// driver made, a line saying what it is, and the machine (killed on dispose).
    /// </summary>
    public sealed class OpenedDisk : IDisposable
    {
        /// <summary>Wraps <paramref name="device"/> running on <paramref name="platform"/>.</summary>
        public OpenedDisk(IBlockDevice device, string description, QtestPlatform platform)
        {
            Device = device;
            Description = description;
            Platform = platform;
        }

        /// <summary>The driver's block device.</summary>
        public IBlockDevice Device { get; }

        /// <summary>E.g. <c>virtio 00:04.0 modern on QEMU pc</c>.</summary>
        public string Description { get; }

        /// <summary>The QEMU machine.</summary>
        public QtestPlatform Platform { get; }

        /// <inheritdoc />
        public void Dispose() => Platform.Dispose();
    }
}
