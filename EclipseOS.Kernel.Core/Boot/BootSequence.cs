using System;
using System.Collections.Generic;
using EclipseOS.Drivers.Ahci;
using EclipseOS.Drivers.Ata;
using EclipseOS.Drivers.Nvme;
using EclipseOS.Drivers.VirtIO;
using EclipseOS.Drivers.VirtIO.Block;
using EclipseOS.EclipseFS;
using EclipseOS.Hal;
using EclipseOS.Kernel.Core.Control;
using EclipseOS.Kernel.Core.Logging;
using EclipseOS.Kernel.Core.Simulated;
using EclipseOS.Storage;

namespace EclipseOS.Kernel.Core.Boot
{
    /// <summary>
    /// The kernel's start-up, the same on Cosmos and hosted: VirtIO, then NVMe, then AHCI, then ATA, register what
    /// they find (the manager scans partition tables), fall back to the simulated disk when no
    /// device holds EclipseFS, then find the root by probing every device and partition for the
    /// EclipseFS magic — never a fixed block — and mount it at <c>/</c>, read-write when its
    /// device takes writes (read-only on a CD or the simulated disk). A root that fails to
    /// mount is logged with its reason and the kernel carries on without one.
    /// </summary>
    public static class BootSequence
    {
        /// <summary>Boots on <paramref name="platform"/>; every line goes to <paramref name="log"/> (and its sink).</summary>
        public static KernelContext Run(IPlatform platform, KernelLog log, IPlatformControl control, BootOptions options)
        {
            var kernelPlatform = new LoggedPlatform(platform, log);
            var devices = new BlockDeviceManager(log);
            devices.AddProbe(new EclipseFsProbe());
            var kernel = new KernelContext(log, control, devices, platform.Clock, options.WallClock);

            log.WriteLine("Initializing VirtIO driver...");
            StartVirtio(kernelPlatform, devices, options.Virtio);
            log.WriteLine("Initializing NVMe driver...");
            StartNvme(kernelPlatform, devices, options.Nvme);
            log.WriteLine("Initializing AHCI driver...");
            StartAhci(kernelPlatform, devices, options.Ahci);
            log.WriteLine("Initializing ATA driver...");
            StartAta(kernelPlatform, devices, options.Ata);

            List<IBlockDevice> candidates = FindRootCandidates(kernel);
            if (candidates.Count == 0)
            {
                log.WriteLine("[VirtIO] No real device found, using simulated disk");
                candidates.Add(AttachSimulatedDisk(devices, options.SimulatedDiskTime));
                log.WriteLine("[VirtIO] Simulated disk initialized with EclipseFS header");
                kernel.RootIsSimulated = true;
            }

            log.WriteLine("Initializing filesystem subsystem...");
            log.WriteLine("[KERNEL] Attempting to mount root filesystem...");
            MountRoot(kernel, candidates);
            return kernel;
        }

        private static void StartVirtio(IPlatform platform, BlockDeviceManager devices, VirtioBlockOptions options)
        {
            try
            {
                VirtioBlockDriver.RegisterAll(platform, devices, options);
            }
            catch (Exception e)
            {
                // A driver bug must not stop the boot: the other driver or the simulated disk may still do.
                platform.Log.WriteLine("[VirtIO] Driver failed: " + e.Message);
            }
        }

        private static void StartNvme(IPlatform platform, BlockDeviceManager devices, NvmeOptions options)
        {
            try
            {
                NvmeDriver.Start(platform, devices, options);
            }
            catch (Exception e)
            {
                platform.Log.WriteLine("[NVMe] Driver failed: " + e.Message);
            }
        }

        private static void StartAhci(IPlatform platform, BlockDeviceManager devices, AhciOptions options)
        {
            try
            {
                AhciDriver.Start(platform, devices, options);
            }
            catch (Exception e)
            {
                platform.Log.WriteLine("[AHCI] Driver failed: " + e.Message);
            }
        }

        private static void StartAta(IPlatform platform, BlockDeviceManager devices, AtaOptions options)
        {
            try
            {
                AtaController controller = AtaDriver.Start(platform, devices, options);
                if (controller.Devices.Count == 0 && controller.Failures.Count == 0)
                    platform.Log.WriteLine("[ATA] No drives found on the primary and secondary channels");
            }
            catch (Exception e)
            {
                platform.Log.WriteLine("[ATA] Driver failed: " + e.Message);
            }
        }

        /// <summary>Every device or partition whose probe says EclipseFS, in registration order (VirtIO first).</summary>
        private static List<IBlockDevice> FindRootCandidates(KernelContext kernel)
        {
            var candidates = new List<IBlockDevice>();
            List<FileSystemMatch> matches = kernel.Devices.ProbeFileSystems();
            for (int i = 0; i < matches.Count; i++)
            {
                if (matches[i].Probe.FileSystemName == EclipseFsProbe.Name)
                    candidates.Add(matches[i].Device);
            }
            return candidates;
        }

        private static IBlockDevice AttachSimulatedDisk(BlockDeviceManager devices, ulong time)
        {
            byte[] image = SimulatedRootImage.Build(time);
            var disk = new RamDisk(image, SimulatedRootImage.BlockSize, true);
            devices.Register(disk, DeviceClass.RamDisk);
            return disk;
        }

        private static void MountRoot(KernelContext kernel, List<IBlockDevice> candidates)
        {
            KernelLog log = kernel.Log;
            string failures = "";
            for (int i = 0; i < candidates.Count; i++)
            {
                IBlockDevice device = candidates[i];
                log.WriteLine("[FS] Attempting to mount eclipsefs...");
                log.WriteLine("[FS] Reading superblock from block device...");
                // The probe that made this device a candidate matched the magic and version.
                log.WriteLine("[FS] EclipseFS signature found");
                try
                {
                    EclipseFsVolume volume = kernel.Volumes.Open(device, true);
                    log.WriteLine("[FS] " + device.Name + ": EclipseFS " + (volume.Superblock.Version >> 16) + "." + (volume.Superblock.Version & 0xFFFF)
                        + ", " + volume.Superblock.TotalInodes + " inodes, " + volume.DeviceBytes + " bytes");
                    kernel.Mount(device.Name, "/", volume, false);
                    log.WriteLine("[FS] " + device.Name + ": " + (volume.IsReadOnly ? "read-only (" + volume.ReadOnlyReason + ")" : "read-write"));
                    log.WriteLine("[FS] Filesystem mounted successfully");
                    log.WriteLine("[KERNEL] Root filesystem: " + device.Name + " (eclipsefs) mounted at /");
                    return;
                }
                catch (Exception e)
                {
                    string reason = device.Name + ": " + e.Message;
                    log.WriteLine("[FS] Failed to mount eclipsefs on " + reason);
                    failures = failures.Length == 0 ? reason : failures + "; " + reason;
                }
            }
            kernel.RootError = "no root filesystem could be mounted (" + failures + ")";
            log.WriteLine("[KERNEL] " + kernel.RootError + "; the shell starts without one");
        }
    }
}
