using EclipseOS.Drivers.Ata.Devices;
using EclipseOS.Hal;
using EclipseOS.Storage;

namespace EclipseOS.Drivers.Ata
{
    /// <summary>
    /// The ATA driver's entry point for the kernel: probe both legacy IDE channels and register
    /// every disk (<see cref="DeviceClass.Ata"/>: <c>hda</c>…<c>hdd</c>) and CD/DVD drive
    /// (<see cref="DeviceClass.Atapi"/>: <c>cd0</c>…) with the block-device manager. The kernel
    /// calls it after the VirtIO driver; the manager lists VirtIO disks first either way.
    /// </summary>
    public static class AtaDriver
    {
        /// <summary>
        /// Probes, registers and logs one line per device — <c>[ATA] hda: primary master "QEMU
        /// HARDDISK", LBA48, 2097152 sectors, DMA, IRQ 14</c> — or per failed position —
        /// <c>[ATA] Failed to initialize primary slave drive: …</c>. Never throws for a
        /// missing or broken device. Returns the controller (devices, channels, failures).
        /// </summary>
        public static AtaController Start(IPlatform platform, BlockDeviceManager manager, AtaOptions? options = null)
        {
            AtaController controller = AtaController.Probe(platform, options ?? new AtaOptions());
            for (int i = 0; i < controller.Devices.Count; i++)
            {
                IBlockDevice device = controller.Devices[i];
                if (device is AtaDevice disk)
                {
                    string name = manager.Register(disk, DeviceClass.Ata);
                    platform.Log.WriteLine("[ATA] " + name + ": " + disk.Position + " \"" + disk.Identify.Model + "\", "
                        + (disk.Identify.SupportsLba48 ? "LBA48" : "LBA28") + ", " + disk.BlockCount + " sectors, "
                        + (disk.UsesDma ? "DMA" : "PIO") + ", " + Mode(disk.Channel.InterruptMode, disk.Channel.InterruptLine));
                }
                else if (device is AtapiDevice drive)
                {
                    string name = manager.Register(drive, DeviceClass.Atapi);
                    platform.Log.WriteLine("[ATA] " + name + ": " + drive.Position + " \"" + drive.Identify.Model + "\", ATAPI, "
                        + drive.BlockCount + " blocks of " + drive.BlockSize + " bytes, " + Mode(drive.Channel.InterruptMode, drive.Channel.InterruptLine));
                }
            }
            return controller;
        }

        private static string Mode(bool interrupts, int line) => interrupts ? "IRQ " + line : "polling";
    }
}
