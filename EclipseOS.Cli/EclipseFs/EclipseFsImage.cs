using System;
using System.Collections.Generic;
using EclipseOS.EclipseFS;
using EclipseOS.EclipseFS.Tools.Hashing;
using EclipseOS.Hal;
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

        /// <summary>Options every verb mounts with: the host's hardware CRC-32C.</summary>
        public static EclipseFsOptions Options(bool verifyContentOnRead) => new EclipseFsOptions
        {
            Crc32C = HardwareCrc32C.Instance,
            VerifyContentOnRead = verifyContentOnRead,
            CachedBlocks = 256,
        };

        /// <summary>Finds the EclipseFS device inside <paramref name="path"/> without mounting it.</summary>
        public static (FileBlockDevice File, IBlockDevice Device) Locate(string path)
        {
            var file = new FileBlockDevice(path, FileBlockDevice.DefaultBlockSize, readOnly: true);
            try
            {
                var log = new CollectingLog();
                var manager = new BlockDeviceManager(log);
                manager.Register(file, DeviceClass.VirtIO);
                manager.AddProbe(new EclipseFsProbe());
                List<FileSystemMatch> matches = manager.ProbeFileSystems();
                foreach (FileSystemMatch m in matches)
                    if (m.Probe.FileSystemName == EclipseFsProbe.Name)
                        return (file, m.Device);
                throw new EclipseFsException(0, "image", EclipseFsException.NoOffset,
                    path + ": no EclipseFS filesystem found (neither the whole image nor any GPT/MBR partition has the ECLIPSEFS 2.0 magic)" +
                    (log.Lines.Count > 0 ? "; manager said: " + string.Join("; ", log.Lines) : ""));
            }
            catch
            {
                file.Dispose();
                throw;
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

        /// <inheritdoc />
        public void Dispose() => _file.Dispose();

        private sealed class CollectingLog : ILog
        {
            public List<string> Lines { get; } = new List<string>();
            public void WriteLine(string line) => Lines.Add(line);
        }
    }
}
