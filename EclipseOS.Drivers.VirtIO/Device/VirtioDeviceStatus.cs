using EclipseOS.Hal.Text;

namespace EclipseOS.Drivers.VirtIO.Device
{
    /// <summary>Bits of the device status field (VirtIO 1.1 §2.1).</summary>
    public static class VirtioDeviceStatus
    {
        /// <summary>The guest has noticed the device.</summary>
        public const byte Acknowledge = 1;
        /// <summary>The guest knows how to drive the device.</summary>
        public const byte Driver = 2;
        /// <summary>The driver is set up and ready to drive the device.</summary>
        public const byte DriverOk = 4;
        /// <summary>Feature negotiation is complete (not on the legacy interface).</summary>
        public const byte FeaturesOk = 8;
        /// <summary>The device hit an error it cannot recover from without a reset.</summary>
        public const byte DeviceNeedsReset = 64;
        /// <summary>The driver gave up on the device.</summary>
        public const byte Failed = 128;

        /// <summary>E.g. <c>ACKNOWLEDGE|DRIVER|FEATURES_OK</c>, for error messages.</summary>
        public static string Describe(byte status)
        {
            if (status == 0) return "0 (reset)";
            string text = "";
            if ((status & Acknowledge) != 0) text += "|ACKNOWLEDGE";
            if ((status & Driver) != 0) text += "|DRIVER";
            if ((status & FeaturesOk) != 0) text += "|FEATURES_OK";
            if ((status & DriverOk) != 0) text += "|DRIVER_OK";
            if ((status & DeviceNeedsReset) != 0) text += "|DEVICE_NEEDS_RESET";
            if ((status & Failed) != 0) text += "|FAILED";
            int other = status & ~(Acknowledge | Driver | FeaturesOk | DriverOk | DeviceNeedsReset | Failed);
            if (other != 0) text += "|0x" + Hex.Lower((uint)other, 2);
            return "0x" + Hex.Lower(status, 2) + " (" + text.Substring(1) + ")";
        }
    }
}
