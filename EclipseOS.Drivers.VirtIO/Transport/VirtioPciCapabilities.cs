using System.Collections.Generic;
using EclipseOS.Drivers.VirtIO.Device;
using EclipseOS.Hal.Pci;

namespace EclipseOS.Drivers.VirtIO.Transport
{
    /// <summary>
    /// The modern virtio PCI layout found by walking the vendor-specific capabilities
    /// (VirtIO 1.1 §4.1.4): where common, notify, ISR and device configuration live.
    /// </summary>
    public sealed class VirtioPciCapabilities
    {
        // struct virtio_pci_cap (§4.1.4): cap_vndr@0, cap_next@1, cap_len@2, cfg_type@3, bar@4, offset@8, length@12.
        private const byte CapLength = 2;
        private const byte CapConfigType = 3;
        private const byte CapBar = 4;
        private const byte CapOffset = 8;
        private const byte CapRegionLength = 12;
        // struct virtio_pci_notify_cap (§4.1.4.4): notify_off_multiplier@16.
        private const byte CapNotifyMultiplier = 16;
        private const int MinimumCapLength = 16;
        private const int MinimumNotifyCapLength = 20;

        /// <summary>cfg_type of the common configuration structure.</summary>
        public const byte TypeCommon = 1;
        /// <summary>cfg_type of the notification structure.</summary>
        public const byte TypeNotify = 2;
        /// <summary>cfg_type of the ISR status byte.</summary>
        public const byte TypeIsr = 3;
        /// <summary>cfg_type of the device-specific configuration.</summary>
        public const byte TypeDevice = 4;

        private VirtioPciCapabilities()
        {
        }

        /// <summary>Physical address of the common configuration structure.</summary>
        public ulong Common { get; private set; }
        /// <summary>Length of the common configuration structure.</summary>
        public uint CommonLength { get; private set; }
        /// <summary>Physical address of the notification area.</summary>
        public ulong Notify { get; private set; }
        /// <summary>Length of the notification area.</summary>
        public uint NotifyLength { get; private set; }
        /// <summary>Bytes between the notify addresses of consecutive <c>queue_notify_off</c> values.</summary>
        public uint NotifyOffMultiplier { get; private set; }
        /// <summary>Physical address of the ISR status byte.</summary>
        public ulong Isr { get; private set; }
        /// <summary>Physical address of the device-specific configuration (0 when absent).</summary>
        public ulong DeviceConfig { get; private set; }
        /// <summary>Length of the device-specific configuration.</summary>
        public uint DeviceConfigLength { get; private set; }

        /// <summary>Whether the function has the modern capabilities at all (a legacy-only device has none).</summary>
        public static bool IsPresent(PciFunction function)
        {
            List<byte> caps = function.FindCapabilities(PciRegisters.CapabilityVendorSpecific);
            for (int i = 0; i < caps.Count; i++)
                if (function.Config.Read8(function.Address, (byte)(caps[i] + CapConfigType)) == TypeCommon)
                    return true;
            return false;
        }

        /// <summary>
        /// Walks the capability list of <paramref name="function"/>, taking the first usable
        /// capability of each type (§4.1.4: "the driver SHOULD use the first one"). Throws a
        /// <see cref="VirtioException"/> naming what is missing or malformed.
        /// </summary>
        public static VirtioPciCapabilities Read(PciFunction function)
        {
            var layout = new VirtioPciCapabilities();
            string where = "virtio " + function.Address;
            IPciConfigSpace config = function.Config;
            List<byte> caps = function.FindCapabilities(PciRegisters.CapabilityVendorSpecific);
            bool haveCommon = false, haveNotify = false, haveIsr = false, haveDevice = false;
            for (int i = 0; i < caps.Count; i++)
            {
                byte cap = caps[i];
                byte capLength = config.Read8(function.Address, (byte)(cap + CapLength));
                byte type = config.Read8(function.Address, (byte)(cap + CapConfigType));
                if (type < TypeCommon || type > TypeDevice || capLength < MinimumCapLength)
                    continue; // PCI config access (5) and vendor data are of no use here.
                if ((type == TypeCommon && haveCommon) || (type == TypeNotify && haveNotify) || (type == TypeIsr && haveIsr) || (type == TypeDevice && haveDevice))
                    continue;
                byte barIndex = config.Read8(function.Address, (byte)(cap + CapBar));
                uint offset = config.Read32(function.Address, (byte)(cap + CapOffset));
                uint length = config.Read32(function.Address, (byte)(cap + CapRegionLength));
                if (barIndex > 5)
                    continue; // Reserved BAR numbers: the spec says ignore the capability.
                PciBar bar = function.ReadBar(barIndex);
                if (!bar.IsMemory)
                    throw new VirtioException(where + ": capability type " + type + " points into BAR" + barIndex + ", which is not a memory BAR (" + bar + ")");
                if (bar.Address == 0)
                    throw new VirtioException(where + ": BAR" + barIndex + " holding capability type " + type + " is not assigned");
                ulong address = bar.Address + offset;
                switch (type)
                {
                    case TypeCommon:
                        layout.Common = address;
                        layout.CommonLength = length;
                        haveCommon = true;
                        break;
                    case TypeNotify:
                        if (capLength < MinimumNotifyCapLength)
                            throw new VirtioException(where + ": notify capability is " + capLength + " bytes, needs " + MinimumNotifyCapLength);
                        layout.Notify = address;
                        layout.NotifyLength = length;
                        layout.NotifyOffMultiplier = config.Read32(function.Address, (byte)(cap + CapNotifyMultiplier));
                        haveNotify = true;
                        break;
                    case TypeIsr:
                        layout.Isr = address;
                        haveIsr = true;
                        break;
                    default:
                        layout.DeviceConfig = address;
                        layout.DeviceConfigLength = length;
                        haveDevice = true;
                        break;
                }
            }
            if (!haveCommon) throw new VirtioException(where + ": no common configuration capability");
            if (!haveNotify) throw new VirtioException(where + ": no notification capability");
            if (!haveIsr) throw new VirtioException(where + ": no ISR capability");
            if (layout.CommonLength < ModernPciTransport.CommonConfigLength)
                throw new VirtioException(where + ": common configuration is " + layout.CommonLength + " bytes, needs " + ModernPciTransport.CommonConfigLength);
            return layout;
        }
    }
}
