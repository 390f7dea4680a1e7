using System;
using System.Collections.Generic;
using System.Globalization;
using EclipseOS.Drivers.Ata;
using EclipseOS.Drivers.Ata.Devices;
using EclipseOS.Kernel.Core.Logging;
using EclipseOS.Platform.Qtest;
using EclipseOS.Platform.Qtest.Options;
using EclipseOS.Storage;

namespace EclipseOS.Cli.Disks
{
    /// <summary>
    /// Attaches an image as an IDE hard disk (or an ISO as an IDE CD-ROM) at one of the four
    /// positions of a QEMU <c>pc</c> machine's PIIX3 controller and opens it with our ATA driver,
    /// by bus-master DMA (the default) or PIO.
    /// </summary>
    public static class IdeDiskOpener
    {
        /// <summary>Position names by <c>if=ide,index=N</c>.</summary>
        private static readonly string[] Positions = { "primary master", "primary slave", "secondary master", "secondary slave" };

        /// <summary>
        /// Starts QEMU with <paramref name="imagePath"/> at IDE position <paramref name="index"/>
        /// (0–3) — as a CD-ROM when <paramref name="cdrom"/>, failing where <paramref name="errors"/>
        /// say — and returns the ATA driver's
        /// device. <paramref name="pio"/> keeps the driver off DMA. Throws
        /// <see cref="ArgumentException"/> for what QEMU's IDE cannot do (a read-only hard disk).
        /// </summary>
        public static OpenedDisk Open(string imagePath, int index, bool cdrom, bool pio, bool readOnly, IReadOnlyList<InjectedError>? errors = null)
        {
            if (index < 0 || index > 3)
                throw new ArgumentException("--ide-index " + index + " is not an IDE position (0 primary master, 1 primary slave, 2 secondary master, 3 secondary slave)");
            if (readOnly && !cdrom)
                throw new ArgumentException("QEMU's IDE cannot attach a read-only hard disk (\"Block node is read-only\"); use --cdrom for a read-only drive");
            if (imagePath.Contains(','))
                throw new ArgumentException("QEMU cannot take a ',' in a disk path: " + imagePath);

            var options = new QemuOptions { Machine = QemuMachine.Pc, MemoryMiB = 256, Qmp = true };
            options.Add("-drive", options.DriveFile(imagePath, errors) + ",format=raw,if=ide,index=" + index.ToString(CultureInfo.InvariantCulture) + (cdrom ? ",media=cdrom" : ""));
            var platform = new QtestPlatform(options);
            try
            {
                var log = new LogCapture();
                AtaController controller = AtaController.Probe(new LoggedPlatform(platform, log), new AtaOptions { UseDma = !pio });
                IBlockDevice? device = controller.DeviceAt(index);
                if (device == null)
                    throw new InvalidOperationException("the ATA driver found no usable drive at the " + Positions[index] + log.AsReason());
                string description;
                if (device is AtaDevice disk)
                {
                    device.Name = "hd" + (char)('a' + index);
                    description = device.Name + ": " + Positions[index] + " \"" + disk.Identify.Model + "\" on QEMU pc, "
                        + (disk.Identify.SupportsLba48 ? "LBA48, " : "LBA28, ") + disk.BlockCount + " sectors, "
                        + (disk.UsesDma ? "bus-master DMA" : "PIO") + ", " + (disk.Channel.InterruptMode ? "IRQ " + disk.Channel.InterruptLine : "polling");
                }
                else
                {
                    var drive = (AtapiDevice)device;
                    device.Name = "cd0";
                    description = "cd0: " + Positions[index] + " \"" + drive.Identify.Model + "\" on QEMU pc, ATAPI, "
                        + drive.BlockCount + " blocks of " + drive.BlockSize + " bytes, read-only";
                }
                return new OpenedDisk(device, description, platform);
            }
            catch
            {
                platform.Dispose();
                throw;
            }
        }
    }
}
