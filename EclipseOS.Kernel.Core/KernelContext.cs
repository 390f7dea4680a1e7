using System;
using System.Collections.Generic;
using EclipseOS.EclipseFS;
using EclipseOS.EclipseFS.Vfs;
using EclipseOS.EclipseFS.Volumes;
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

        /// <summary>
        /// Creates the context of a kernel that has not mounted anything yet; the filesystems it
        /// mounts take the times of changes from <paramref name="wallClock"/> (null: 0).
        /// </summary>
        public KernelContext(KernelLog log, IPlatformControl control, BlockDeviceManager devices, IClock clock, IUnixClock? wallClock = null)
        {
            Clock = clock;
            Log = log;
            Control = control;
            Devices = devices;
            Volumes = new EclipseFsVolumes(wallClock);
        }

        /// <summary>The platform's monotonic clock (timing in <c>verify</c> and <c>readspeed</c>).</summary>
        public IClock Clock { get; }

        /// <summary>The wall clock of changed files' times (<c>touch</c> too), or null when the kernel has none.</summary>
        public IUnixClock? WallClock => Volumes.Clock;

        /// <summary>The kernel log (<c>dmesg</c>).</summary>
        public KernelLog Log { get; }

        /// <summary>Reboot and halt.</summary>
        public IPlatformControl Control { get; }

        /// <summary>Every registered block device and partition.</summary>
        public BlockDeviceManager Devices { get; }

        /// <summary>The open EclipseFS volumes, one per device, shared with Cosmos's VFS in the guest.</summary>
        public EclipseFsVolumes Volumes { get; }

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

        /// <summary>
        /// Mounts <paramref name="fileSystem"/> of <paramref name="device"/> at <paramref name="path"/>
        /// (read-only when <paramref name="readOnly"/>, or when the filesystem refuses changes) and records it.
        /// </summary>
        public MountRecord Mount(string device, string path, IFileSystem fileSystem, bool readOnly)
        {
            Vfs.Mount(path, fileSystem, readOnly);
            var record = new MountRecord(device, Vfs.MountOf(fileSystem)!);
            _mounts.Add(record);
            if (record.Path == "/")
            {
                Root = record;
                RootError = null;
            }
            return record;
        }

        /// <summary>
        /// Mounts the EclipseFS on the block device or partition <paramref name="deviceName"/> at
        /// the existing directory <paramref name="path"/>: read-write unless <paramref name="readOnly"/>
        /// or the device is read-only. Errors name the device or the path and the problem.
        /// </summary>
        public MountRecord MountDevice(string deviceName, string path, bool readOnly)
        {
            IBlockDevice? device = Devices.Find(deviceName);
            if (device == null)
                throw new VfsException(deviceName, "no such block device (lsblk lists them)");
            for (int i = 0; i < _mounts.Count; i++)
                if (_mounts[i].Device == deviceName)
                    throw new VfsException(deviceName, "already mounted at " + _mounts[i].Path);
            if (!new EclipseFsProbe().Probe(device))
                throw new VfsException(deviceName, "holds no EclipseFS (no ECLIPSEFS magic with version 2.0 at its start)");
            EclipseFsVolume volume = Volumes.Open(device, !readOnly);
            try
            {
                return Mount(deviceName, path, volume, readOnly);
            }
            catch (Exception)
            {
                Volumes.Release(volume);
                throw;
            }
        }

        /// <summary>
        /// Unmounts what is mounted at <paramref name="path"/> after making its changes durable;
        /// refused for the root and while something is mounted below. Returns the record removed.
        /// </summary>
        public MountRecord Unmount(string path)
        {
            if (Root != null && Vfs.Exists(path) && Vfs.Resolve(path, true).Path == "/")
                throw new VfsException("/", "the root filesystem cannot be unmounted");
            VfsMount removed = Vfs.Unmount(path);
            MountRecord? record = MountOf(removed.FileSystem);
            if (record != null)
                _mounts.Remove(record);
            EclipseFsVolume? volume = removed.FileSystem as EclipseFsVolume;
            if (volume != null)
                Volumes.Release(volume);
            return record ?? new MountRecord("?", removed);
        }

        /// <summary>
        /// Flushes every read-write filesystem before the machine goes down (<c>halt</c>,
        /// <c>reboot</c>). Each change is durable already; this also empties the devices' caches.
        /// A failure is logged, never thrown: the machine is going down regardless.
        /// </summary>
        public void SyncBeforePowerOff()
        {
            try
            {
                Vfs.Sync();
            }
            catch (Exception e)
            {
                Log.WriteLine("[KERNEL] Flushing the filesystems failed: " + e.Message);
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
