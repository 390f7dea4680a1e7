using System.Collections.Generic;
using EclipseOS.EclipseFS.Vfs;
using EclipseOS.Hal;
using EclipseOS.Kernel.Core.Control;
using EclipseOS.Kernel.Core.Logging;
using EclipseOS.Kernel.Core.Mounting;
using EclipseOS.Storage;

namespace EclipseOS.Kernel.Core
{
    /// <summary>
    /// The booted kernel as the shell sees it: the block devices, the mounted
    /// filesystems, the log, and how to reboot or halt. Made by <see cref="Boot.BootSequence"/>.
    /// </summary>
    public sealed class KernelContext
    {
        private readonly List<MountRecord> _mounts = new List<MountRecord>();

        /// <summary>Creates the context of a kernel that has not mounted anything yet.</summary>
        public KernelContext(KernelLog log, IPlatformControl control, BlockDeviceManager devices, IClock clock)
        {
            Clock = clock;
            Log = log;
            Control = control;
            Devices = devices;
        }

        /// <summary>The platform's monotonic clock (timing in <c>verify</c> and <c>readspeed</c>).</summary>
        public IClock Clock { get; }

        /// <summary>The kernel log (<c>dmesg</c>).</summary>
        public KernelLog Log { get; }

        /// <summary>Reboot and halt.</summary>
        public IPlatformControl Control { get; }

        /// <summary>Every registered block device and partition.</summary>
        public BlockDeviceManager Devices { get; }

        /// <summary>The VFS: mount table and path resolution.</summary>
        public MountTable Vfs { get; } = new MountTable();

        /// <summary>The mounts, in the order they were made.</summary>
        public List<MountRecord> Mounts => _mounts;

        /// <summary>The root mount, or null when boot mounted none (see <see cref="RootError"/>).</summary>
        public MountRecord? Root { get; private set; }

        /// <summary>Why no root is mounted; null when one is.</summary>
        public string? RootError { get; set; }

        /// <summary>Whether the root is the built-in simulated disk rather than a real device.</summary>
        public bool RootIsSimulated { get; set; }

        /// <summary>Mounts <paramref name="fileSystem"/> of <paramref name="device"/> at <paramref name="path"/> and records it.</summary>
        public void Mount(string device, string path, IFileSystem fileSystem)
        {
            Vfs.Mount(path, fileSystem);
            var record = new MountRecord(device, path, fileSystem);
            _mounts.Add(record);
            if (path == "/")
            {
                Root = record;
                RootError = null;
            }
        }

        /// <summary>The mount whose filesystem is <paramref name="fileSystem"/>, or null.</summary>
        public MountRecord? MountOf(IFileSystem fileSystem)
        {
            for (int i = 0; i < _mounts.Count; i++)
            {
                if (_mounts[i].FileSystem == fileSystem)
                    return _mounts[i];
            }
            return null;
        }
    }
}
