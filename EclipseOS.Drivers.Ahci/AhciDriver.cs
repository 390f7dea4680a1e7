using System.Collections.Generic;
using EclipseOS.Drivers.Ahci.Devices;
using EclipseOS.Hal;
using EclipseOS.Storage;

namespace EclipseOS.Drivers.Ahci
{
    /// <summary>
    /// The AHCI driver's entry point for the kernel: every AHCI HBA probed, its disks registered
    /// as <see cref="DeviceClass.Sata"/> (<c>sda</c>, <c>sdb</c> …) and its CD/DVD drives as
    /// <see cref="DeviceClass.SataAtapi"/> (<c>sr0</c> …), one log line each.
    /// </summary>
    public static class AhciDriver
    {
        /// <summary>
        /// Probes and registers; logs <c>[AHCI] sda: 00:1f.2 port 0 "QEMU HARDDISK", LBA48,
        /// 4194304 sectors, IRQ 10</c>. Never throws for a missing or broken device.
        /// </summary>
        public static List<AhciController> Start(IPlatform platform, BlockDeviceManager manager, AhciOptions? options = null)
        {
            List<AhciController> controllers = AhciController.FindAll(platform, options ?? new AhciOptions());
            for (int c = 0; c < controllers.Count; c++)
            {
                AhciController controller = controllers[c];
                string mode = controller.InterruptLine >= 0 ? "IRQ " + controller.InterruptLine : "polling";
                for (int i = 0; i < controller.Devices.Count; i++)
                {
                    IBlockDevice device = controller.Devices[i];
                    if (device is AhciDisk disk)
                    {
                        string name = manager.Register(disk, DeviceClass.Sata);
                        platform.Log.WriteLine("[AHCI] " + name + ": " + controller.Function.Address + " port " + disk.Port.Index + " \"" + disk.Identify.Model + "\", "
                            + (disk.Identify.SupportsLba48 ? "LBA48" : "LBA28") + ", " + disk.BlockCount + " sectors, " + mode);
                    }
                    else if (device is AhciAtapiDevice drive)
                    {
                        string name = manager.Register(drive, DeviceClass.SataAtapi);
                        platform.Log.WriteLine("[AHCI] " + name + ": " + controller.Function.Address + " port " + drive.Port.Index + " \"" + drive.Identify.Model + "\", ATAPI, "
                            + drive.BlockCount + " blocks of " + drive.BlockSize + " bytes, " + mode);
                    }
                }
            }
            return controllers;
        }
    }
}
