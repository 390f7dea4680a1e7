using EclipseOS.Hal.Text;
using System.Collections.Generic;
using EclipseOS.Drivers.VirtIO.Block;
using EclipseOS.Drivers.VirtIO.Device;
using EclipseOS.Drivers.VirtIO.Transport;
using EclipseOS.Hal;
using EclipseOS.Hal.Pci;
using EclipseOS.Storage;

namespace EclipseOS.Drivers.VirtIO
{
    /// <summary>
    /// Entry point of the driver: finds every virtio-blk device — on PCI (transitional, legacy-only
    /// and modern-only functions) and in the board's virtio-mmio windows — and initialises each.
    /// A device that cannot be used is logged and skipped; the others are returned.
    /// </summary>
    public static class VirtioBlockDriver
    {
        /// <summary>
        /// Finds every virtio-blk device, registers each with <paramref name="manager"/> as
        /// <see cref="DeviceClass.VirtIO"/> (so they are named <c>vda</c>, <c>vdb</c> … — call this
        /// before the ATA driver registers its disks) and logs one line per device. Returns the
        /// devices in registration order.
        /// </summary>
        public static List<VirtioBlockDevice> RegisterAll(IPlatform platform, BlockDeviceManager manager, VirtioBlockOptions options)
        {
            List<VirtioBlockDevice> devices = FindDevices(platform, options);
            for (int i = 0; i < devices.Count; i++)
            {
                manager.Register(devices[i], DeviceClass.VirtIO);
                platform.Log.WriteLine(Describe(devices[i]));
            }
            return devices;
        }

        /// <summary>Finds and initialises every virtio-blk device of <paramref name="platform"/>, PCI first, then mmio.</summary>
        public static List<VirtioBlockDevice> FindDevices(IPlatform platform, VirtioBlockOptions options)
        {
            var devices = new List<VirtioBlockDevice>();
            List<PciFunction> functions = PciEnumerator.Enumerate(platform.Pci);
            for (int i = 0; i < functions.Count; i++)
            {
                PciFunction function = functions[i];
                if (function.VendorId != VirtioPciIds.Vendor || !IsBlockDeviceId(function.DeviceId)) continue;
                string location = function.Address.ToString();
                try
                {
                    IVirtioTransport transport = OpenPci(platform, function, options);
                    devices.Add(new VirtioBlockDevice(platform, transport, options));
                }
                catch (VirtioException error)
                {
                    platform.Log.WriteLine("[VirtIO] " + location + ": skipped: " + error.Message);
                }
                catch (BlockDeviceException error)
                {
                    platform.Log.WriteLine("[VirtIO] " + location + ": skipped: " + error.Message);
                }
            }
            IReadOnlyList<PlatformDevice> boardDevices = platform.PlatformDevices;
            for (int i = 0; i < boardDevices.Count; i++)
            {
                PlatformDevice window = boardDevices[i];
                if (window.Kind != PlatformDevice.VirtioMmio) continue;
                try
                {
                    MmioTransport? transport = MmioTransport.Probe(platform.Memory, window);
                    if (transport == null || transport.DeviceType != VirtioPciIds.DeviceTypeBlock) continue;
                    devices.Add(new VirtioBlockDevice(platform, transport, options));
                }
                catch (VirtioException error)
                {
                    platform.Log.WriteLine("[VirtIO] mmio 0x" + Hex.Lower(window.BaseAddress) + ": skipped: " + error.Message);
                }
                catch (BlockDeviceException error)
                {
                    platform.Log.WriteLine("[VirtIO] mmio 0x" + Hex.Lower(window.BaseAddress) + ": skipped: " + error.Message);
                }
            }
            return devices;
        }

        /// <summary>
        /// Opens the transport of a virtio-blk PCI function: modern when it has the capabilities
        /// (unless <see cref="VirtioBlockOptions.PreferLegacy"/> and it is transitional), else
        /// legacy through the I/O ports of BAR0. Enables I/O, memory and bus mastering.
        /// </summary>
        public static IVirtioTransport OpenPci(IPlatform platform, PciFunction function, VirtioBlockOptions options)
        {
            ushort deviceId = function.DeviceId;
            string location = function.Address.ToString();
            function.Enable(PciRegisters.CommandIoSpace | PciRegisters.CommandMemorySpace | PciRegisters.CommandBusMaster);
            int line = -1;
            if (function.InterruptPin != 0)
            {
                byte routed = function.InterruptLine;
                if (routed != 0xFF && routed != 0) line = routed;
            }
            bool transitional = deviceId >= VirtioPciIds.FirstTransitional && deviceId <= VirtioPciIds.LastTransitional;
            bool modern = VirtioPciCapabilities.IsPresent(function);
            if (modern && !(transitional && options.PreferLegacy))
            {
                try
                {
                    return new ModernPciTransport(platform.Memory, VirtioPciCapabilities.Read(function), VirtioPciIds.DeviceTypeBlock, location, line);
                }
                catch (VirtioException error)
                {
                    // A transitional device still has its legacy interface: e.g. a 32-bit kernel
                    // cannot reach a modern BAR that firmware left unassigned or placed above 4 GiB.
                    if (!transitional) throw;
                    platform.Log.WriteLine("[VirtIO] " + location + ": modern interface unusable (" + error.Message + "); using the legacy interface");
                }
            }
            if (!transitional)
                throw new VirtioException("virtio " + location + ": modern-only device " + Hex.Lower(deviceId, 4) + " without virtio capabilities");
            PciBar bar0 = function.ReadBar(0);
            if (!bar0.IsIo || bar0.Address == 0 || bar0.Address > 0xFFFF)
                throw new VirtioException("virtio " + location + ": legacy interface needs an assigned I/O BAR0, found " + bar0);
            return new LegacyPciTransport(platform.Ports, (ushort)bar0.Address, VirtioPciIds.DeviceTypeBlock, location, line);
        }

        /// <summary>
        /// The log line for a registered device, e.g.
        /// <c>[VirtIO] vda: 00:04.0 legacy, 4194304 sectors of 512 bytes, serial "QM00001"</c>.
        /// </summary>
        public static string Describe(VirtioBlockDevice device)
        {
            string line = "[VirtIO] " + device.Name + ": " + device.Transport.Location + " " + device.Transport.Kind + ", "
                + device.BlockCount + " sectors of " + device.BlockSize + " bytes";
            if (device.Serial.Length > 0) line += ", serial \"" + device.Serial + "\"";
            if (device.IsReadOnly) line += ", read-only";
            return line;
        }

        private static bool IsBlockDeviceId(ushort deviceId)
        {
            return deviceId == VirtioPciIds.TransitionalBlock || deviceId == VirtioPciIds.ModernBase + VirtioPciIds.DeviceTypeBlock;
        }
    }
}
