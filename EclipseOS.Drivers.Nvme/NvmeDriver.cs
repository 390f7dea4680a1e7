using System.Collections.Generic;
using EclipseOS.Drivers.Nvme.Devices;
using EclipseOS.Hal;
using EclipseOS.Storage;

namespace EclipseOS.Drivers.Nvme
{
    /// <summary>
    /// The NVMe driver's entry point for the kernel: every NVMe controller probed, each active
    /// namespace registered as <see cref="DeviceClass.Nvme"/> (<c>nvme0n1</c>, <c>nvme0n2</c>,
    /// <c>nvme1n1</c> …), one log line each.
    /// </summary>
    public static class NvmeDriver
    {
        /// <summary>
        /// Probes and registers; logs <c>[NVMe] nvme0n1: 00:04.0 "QEMU NVMe Ctrl" nsid 1, 4194304
        /// blocks of 512 bytes, IRQ 11</c> (or <c>polling</c>, <c>MSI-X</c>). Never throws for a
        /// missing or broken device: it is logged and left out.
        /// </summary>
        public static List<NvmeController> Start(IPlatform platform, BlockDeviceManager manager, NvmeOptions? options = null)
        {
            List<NvmeController> controllers = NvmeController.FindAll(platform, options ?? new NvmeOptions());
            for (int c = 0; c < controllers.Count; c++)
            {
                NvmeController controller = controllers[c];
                for (int i = 0; i < controller.Namespaces.Count; i++)
                {
                    NvmeNamespace ns = controller.Namespaces[i];
                    string name = manager.RegisterNamespace(ns, controller.Index, ns.NamespaceId);
                    platform.Log.WriteLine("[NVMe] " + name + ": " + controller.Function.Address + " \"" + controller.Identify.Model + "\" nsid " + ns.NamespaceId + ", "
                        + ns.BlockCount + " blocks of " + ns.BlockSize + " bytes, " + controller.Completion);
                }
            }
            return controllers;
        }
    }
}
