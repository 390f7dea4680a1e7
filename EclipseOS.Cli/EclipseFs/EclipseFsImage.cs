using System;
using System.Collections.Generic;
using System.IO;
using EclipseOS.Cli.Disks;
using EclipseOS.EclipseFS;
using EclipseOS.EclipseFS.Tools.Hashing;
using EclipseOS.Storage;
using EclipseOS.Storage.Host;

namespace EclipseOS.Cli.EclipseFs
{
    /// <summary>
    /// An image file opened for the EclipseFS verbs: registered with the block-device manager
    /// (which reads GPT/MBR partition tables) and probed, so a bare filesystem image and a
    /// whole partitioned disk image are both found — by magic, never by block number.
    /// </summary>
    public sealed class EclipseFsImage : IDisposable
    {
        private readonly FileBlockDevice _file;

        private EclipseFsImage(FileBlockDevice file, IBlockDevice device, EclipseFsVolume volume)
        {
            _file = file;
            Device = device;
            Volume = volume;
        }

        /// <summary>The device or partition holding the filesystem (e.g. vda or vda2).</summary>
        public IBlockDevice Device { get; }

        /// <summary>The mounted filesystem.</summary>
        public EclipseFsVolume Volume { get; }

        /// <summary>Whether the filesystem fills the image file (a bare image) rather than a partition of a disk image.</summary>
        public bool IsBare => ReferenceEquals(Device, _file);

        /// <summary>Options every verb mounts with: the host's hardware CRC-32C.</summary>
        public static EclipseFsOptions Options(bool verifyContentOnRead) => new EclipseFsOptions
        {
            Crc32C = HardwareCrc32C.Instance,
            VerifyContentOnRead = verifyContentOnRead,
            CachedBlocks = 256,
        };

        /// <summary>
        /// Sector sizes tried, in order. An image file does not say which sector size its partition
        /// table was written for (a GPT for 4096-byte sectors has its header at byte 4096), so the
        /// table is read as each in turn until the filesystem is found.
        /// </summary>
        private static readonly int[] SectorSizes = { FileBlockDevice.DefaultBlockSize, 4096 };

        /// <summary>
        /// Finds the EclipseFS device inside <paramref name="path"/> without mounting it; opened for
        /// writing only when <paramref name="writable"/>. A path that is a directory or does not
        /// exist is an <see cref="IOException"/> saying so.
        /// </summary>
        public static (FileBlockDevice File, IBlockDevice Device) Locate(string path, bool writable = false)
        {
            var said = new List<string>();
            foreach (int sectorSize in SectorSizes)
            {
                FileBlockDevice file = OpenFile(path, sectorSize, writable);
                try
                {
                    var log = new LogCapture();
                    var manager = new BlockDeviceManager(log);
                    manager.Register(file, DeviceClass.VirtIO);
                    manager.AddProbe(new EclipseFsProbe());
                    foreach (FileSystemMatch m in manager.ProbeFileSystems())
                        if (m.Probe.FileSystemName == EclipseFsProbe.Name)
                            return (file, m.Device);
                    foreach (string line in log.Lines)
                        said.Add(sectorSize + "-byte sectors: " + line);
                }
                catch
                {
                    file.Dispose();
                    throw;
                }
                file.Dispose();
            }
            throw new EclipseFsException(0, "image", EclipseFsException.NoOffset,
                path + ": no EclipseFS filesystem found (neither the whole image nor any GPT/MBR partition, read with 512- or 4096-byte sectors, has the ECLIPSEFS 2.0 magic)" +
                (said.Count > 0 ? "; manager said: " + string.Join("; ", said) : ""));
        }

        /// <summary>
        /// Opens <paramref name="path"/> read-only, or read-write and exclusively
        /// (<paramref name="forChanges"/>: no other verb may read or write it meanwhile), saying in
        /// words a user acts on when it is not a file: .NET reports a directory as "Access to the
        /// path is denied", which sends the user looking for a permission problem, and a missing
        /// file in its own phrasing. Real permission errors keep .NET's message. Every image verb
        /// opens its image here (through <see cref="Locate"/>), so all of them say the same.
        /// </summary>
        private static FileBlockDevice OpenFile(string path, int sectorSize, bool forChanges)
        {
            try
            {
                return new FileBlockDevice(path, sectorSize, readOnly: !forChanges, exclusive: forChanges);
            }
            catch (UnauthorizedAccessException) when (Directory.Exists(path))
            {
                throw new IOException(path + " is a directory, not an EclipseFS image or disk image");
            }
            catch (Exception e) when (e is FileNotFoundException || e is DirectoryNotFoundException)
            {
                throw new FileNotFoundException(path + ": no such file", path, e);
            }
            catch (UnauthorizedAccessException e) when (forChanges)
            {
                throw new IOException(path + ": the image file cannot be opened for writing (" + e.Message + ")", e);
            }
            catch (IOException e) when (forChanges)
            {
                throw new IOException(path + ": the image file cannot be opened for writing: " + e.Message, e);
            }
        }

        /// <summary>Opens and mounts the EclipseFS inside <paramref name="path"/>.</summary>
        public static EclipseFsImage Open(string path, bool verifyContentOnRead = true)
        {
            (FileBlockDevice file, IBlockDevice device) = Locate(path);
            try
            {
                return new EclipseFsImage(file, device, EclipseFsVolume.Mount(device, Options(verifyContentOnRead)));
            }
            catch
            {
                file.Dispose();
                throw;
            }
        }

        /// <summary>
        /// Opens and mounts the EclipseFS inside <paramref name="path"/> read-write, through the
        /// kernel's engine (every change one crash-safe operation, §12): the image file exclusively,
        /// the host's clock for the times, the hardware CRC-32C. An image file without any write
        /// permission bit is refused even where the user could write it anyway (root), as
        /// <c>rm</c> asks before removing a write-protected file: someone marked it read-only.
        /// </summary>
        public static EclipseFsImage OpenForChanges(string path)
        {
            if (!OperatingSystem.IsWindows() && File.Exists(path) &&
                (File.GetUnixFileMode(path) & (UnixFileMode.UserWrite | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite)) == 0)
                throw new IOException(path + ": the image file is write-protected (no write permission bits); `chmod u+w " + path + "` to let eclipse change it");
            (FileBlockDevice file, IBlockDevice device) = Locate(path, true);
            try
            {
                EclipseFsOptions options = Options(verifyContentOnRead: true);
                options.Writable = true;
                options.Clock = HostClock.Instance;
                var volume = EclipseFsVolume.Mount(device, options);
                if (volume.IsReadOnly)
                    throw new IOException(path + ": cannot be changed: " + volume.ReadOnlyReason);
                return new EclipseFsImage(file, device, volume);
            }
            catch
            {
                file.Dispose();
                throw;
            }
        }

        /// <inheritdoc />
        public void Dispose() => _file.Dispose();
    }
}
