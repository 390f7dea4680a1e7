using System;
using EclipseOS.Platform.Qtest;
using EclipseOS.Platform.Qtest.Options;

namespace EclipseOS.Tests.Qtest
{
    /// <summary>
    /// One QEMU per machine kind, shared by the tests of a class: a transitional virtio-blk in
    /// slot 4, a modern one in slot 5, and (on pc) an IDE disk as primary master.
    /// </summary>
    public abstract class QtestMachineFixture : IDisposable
    {
        public const int TransitionalSlot = 4;
        public const int ModernSlot = 5;

        protected QtestMachineFixture(QemuMachine machine)
        {
            Transitional = new DiskImage(64, 1);
            Modern = new DiskImage(64, 2);
            Ide = new DiskImage(64, 3);
            var options = new QemuOptions { Machine = machine, MemoryMiB = 64 }
                .AddDisk(Transitional.Path, DiskBus.Virtio, pciSlot: TransitionalSlot)
                .AddDisk(Modern.Path, DiskBus.VirtioModern, pciSlot: ModernSlot);
            if (machine == QemuMachine.Pc) options.AddDisk(Ide.Path, DiskBus.Ide);
            Platform = new QtestPlatform(options);
        }

        public QtestPlatform Platform { get; }

        public DiskImage Transitional { get; }

        public DiskImage Modern { get; }

        public DiskImage Ide { get; }

        public void Dispose()
        {
            Platform.Dispose();
            Transitional.Dispose();
            Modern.Dispose();
            Ide.Dispose();
        }
    }

    public sealed class PcFixture : QtestMachineFixture
    {
        public PcFixture() : base(QemuMachine.Pc) { }
    }

    public sealed class Q35Fixture : QtestMachineFixture
    {
        public Q35Fixture() : base(QemuMachine.Q35) { }
    }
}
