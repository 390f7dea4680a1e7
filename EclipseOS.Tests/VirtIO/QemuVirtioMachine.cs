using System;
using System.Collections.Generic;
using EclipseOS.Drivers.VirtIO;
using EclipseOS.Drivers.VirtIO.Block;
using EclipseOS.Platform.Qtest;
using EclipseOS.Platform.Qtest.Options;
using EclipseOS.Tests.Qtest;

namespace EclipseOS.Tests.VirtIO
{
    /// <summary>
    /// A QEMU machine with virtio-blk disks made from seeded random images, and our driver's
    /// devices on them in discovery order. Disposing kills QEMU and deletes the images.
    /// </summary>
    public sealed class QemuVirtioMachine : IDisposable
    {
        private readonly List<DiskImage> _images = new List<DiskImage>();
        private readonly QemuOptions _options;
        private QtestPlatform? _platform;

        public QemuVirtioMachine(QemuMachine machine)
        {
            _options = new QemuOptions { Machine = machine, MemoryMiB = 64 };
        }

        /// <summary>Adds a disk of <paramref name="sectors"/> sectors; returns its image.</summary>
        public DiskImage AddDisk(int sectors, DiskBus bus, bool readOnly = false, int? slot = null, string? properties = null)
        {
            var image = new DiskImage(sectors, 100 + _images.Count);
            _images.Add(image);
            _options.AddDisk(image.Path, bus, readOnly, slot, properties);
            return image;
        }

        /// <summary>Adds raw QEMU arguments.</summary>
        public QemuVirtioMachine Add(params string[] arguments)
        {
            _options.Add(arguments);
            return this;
        }

        /// <summary>Adds an image file without attaching it (for <c>-drive if=virtio</c> added by hand).</summary>
        public DiskImage NewImage(int sectors)
        {
            var image = new DiskImage(sectors, 100 + _images.Count);
            _images.Add(image);
            return image;
        }

        /// <summary>
        /// Adds a disk whose backend QEMU throttles to <paramref name="iops"/> requests per second,
        /// so each request stays in flight for milliseconds — long enough that the driver surely
        /// goes to sleep on the interrupt line rather than finding the completion already there.
        /// </summary>
        public DiskImage AddThrottledDisk(int sectors, int iops, string device)
        {
            DiskImage image = NewImage(sectors);
            string id = "throttled" + _images.Count;
            _options.Add("-drive", "file=" + image.Path + ",format=raw,if=none,id=" + id + ",throttling.iops-total=" + iops);
            _options.Add("-device", device + ",drive=" + id);
            return image;
        }

        public QtestPlatform Platform => _platform ?? throw new InvalidOperationException("machine not started");

        public List<VirtioBlockDevice> Devices { get; private set; } = new List<VirtioBlockDevice>();

        /// <summary>Starts QEMU and runs the driver's discovery.</summary>
        public QemuVirtioMachine Start(VirtioBlockOptions? driverOptions = null)
        {
            _platform = new QtestPlatform(_options);
            Devices = VirtioBlockDriver.FindDevices(_platform, driverOptions ?? new VirtioBlockOptions());
            return this;
        }

        /// <summary>Kills QEMU (SIGKILL) without any shutdown of the devices.</summary>
        public void Kill() => _platform?.Dispose();

        public void Dispose()
        {
            _platform?.Dispose();
            foreach (DiskImage image in _images) image.Dispose();
        }
    }
}
