using System;
using EclipseOS.Cosmos.FileSystem;
using EclipseOS.Cosmos.Platform;
using EclipseOS.Drivers.Ahci;
using EclipseOS.Drivers.Nvme;
using EclipseOS.Drivers.Ata;
using EclipseOS.Drivers.VirtIO;
using EclipseOS.Drivers.VirtIO.Block;
using EclipseOS.EclipseFS;
using EclipseOS.EclipseFS.Volumes;
using EclipseOS.Hal;
using EclipseOS.Storage;
using HalGlobal = Cosmos.HAL.Global;

namespace EclipseOS.Cosmos
{
    /// <summary>
    /// The Eclipse OS storage stack in a Cosmos kernel, started with one call from the kernel's
    /// <c>BeforeRun</c>: the platform on Cosmos, every virtio-blk disk, SATA (AHCI) disk and drive,
    /// and ATA/ATAPI drive found by our drivers and registered (named <c>vda</c>, <c>sda</c>,
    /// <c>sr0</c>, <c>hda</c>, <c>cd0</c> …, partition
    /// tables scanned), and the EclipseFS plugin registered with Cosmos's VFS, so
    /// <c>System.IO.File.ReadAllText(@"0:\etc\motd")</c> reads an EclipseFS partition (and
    /// <c>File.WriteAllText</c> writes it, with times from the RTC).
    /// Keep Cosmos's own IDE driver off (<c>Global.Init(screen, ideInit: false)</c>, or
    /// <see cref="CosmosStartup.Init"/>, which also leaves out its AHCI and network drivers).
    /// </summary>
    public sealed class EclipseStorage
    {
        private EclipseStorage(CosmosPlatform platform, BlockDeviceManager devices)
        {
            Platform = platform;
            Devices = devices;
        }

        /// <summary>The hardware abstraction on Cosmos the drivers run on.</summary>
        public CosmosPlatform Platform { get; }

        /// <summary>Every disk and partition found, by name.</summary>
        public BlockDeviceManager Devices { get; }

        /// <summary>
        /// Where System.IO finds the EclipseFS partitions: Cosmos's volume roots (<c>1:\</c> …).
        /// Cosmos numbers every partition, so the root of the original layout (partition 2 after
        /// the EFI partition) is <c>1:\</c>, not <c>0:\</c>.
        /// </summary>
        public System.Collections.Generic.IReadOnlyList<string> EclipseFsRoots => CosmosVolumes.Roots;

        /// <summary>
        /// Turns interrupts on, builds the platform, starts the VirtIO, NVMe, AHCI and ATA drivers, registers
        /// what they find and hands the partitioned disks and the EclipseFS plugin to Cosmos's VFS.
        /// Progress and every problem go to the platform's log (screen and COM1). A driver that
        /// fails is logged and the other still starts.
        /// </summary>
        public static EclipseStorage Start(VirtioBlockOptions? virtio = null, AtaOptions? ata = null, AhciOptions? ahci = null, NvmeOptions? nvme = null)
        {
            // Cosmos turns interrupts on only after BeforeRun; the drivers wait for their devices' interrupts.
            HalGlobal.EnableInterrupts();
            var platform = new CosmosPlatform();
            ILog log = platform.Log;
            var devices = new BlockDeviceManager(log);
            devices.AddProbe(new EclipseFsProbe());
            try
            {
                VirtioBlockDriver.RegisterAll(platform, devices, virtio ?? new VirtioBlockOptions { UseInterrupts = true });
            }
            catch (Exception e)
            {
                log.WriteLine("[VirtIO] Driver failed: " + e.Message);
            }
            try
            {
                NvmeDriver.Start(platform, devices, nvme ?? new NvmeOptions { UseInterrupts = true });
            }
            catch (Exception e)
            {
                log.WriteLine("[NVMe] Driver failed: " + e.Message);
            }
            try
            {
                AhciDriver.Start(platform, devices, ahci ?? new AhciOptions { UseInterrupts = true });
            }
            catch (Exception e)
            {
                log.WriteLine("[AHCI] Driver failed: " + e.Message);
            }
            try
            {
                AtaDriver.Start(platform, devices, ata ?? new AtaOptions());
            }
            catch (Exception e)
            {
                log.WriteLine("[ATA] Driver failed: " + e.Message);
            }
            CosmosVfsBridge.Start(devices, new EclipseFsVolumes(new RtcUnixClock()), log);
            return new EclipseStorage(platform, devices);
        }
    }
}
