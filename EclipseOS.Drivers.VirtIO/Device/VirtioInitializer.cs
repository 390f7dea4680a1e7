using EclipseOS.Hal.Text;
using EclipseOS.Drivers.VirtIO.Transport;
using EclipseOS.Hal;

namespace EclipseOS.Drivers.VirtIO.Device
{
    /// <summary>
    /// The device initialisation sequence of VirtIO 1.1 §3.1.1, common to every device type
    /// and transport: reset, ACKNOWLEDGE, DRIVER, feature negotiation, FEATURES_OK and its
    /// re-read; the caller then sets up queues and calls <see cref="SetDriverOk"/>.
    /// </summary>
    public static class VirtioInitializer
    {
        /// <summary>How long a modern device may take to finish a reset.</summary>
        public const long ResetTimeoutMicroseconds = 1000000;

        /// <summary>
        /// Writes 0 to the status and waits (bounded) until it reads back 0: a modern device
        /// may take time to reset, and must not be touched before (§4.1.4.3.2). On legacy
        /// transports the first read already returns 0.
        /// </summary>
        public static void Reset(IVirtioTransport transport, IClock clock)
        {
            transport.WriteStatus(0);
            Deadline deadline = Deadline.After(clock, ResetTimeoutMicroseconds);
            byte status;
            while ((status = transport.ReadStatus()) != 0)
            {
                if (deadline.Expired)
                    throw new VirtioException(Name(transport) + ": reset did not complete within " + Duration.Milliseconds(ResetTimeoutMicroseconds) + " (status still " + VirtioDeviceStatus.Describe(status) + ")");
                clock.Delay(10);
            }
        }

        /// <summary>
        /// Resets the device and negotiates features: of what the device offers, accepts the bits
        /// in <paramref name="wanted"/>, and VERSION_1 whenever it is offered on a modern
        /// interface. Returns the accepted set. On a modern interface FEATURES_OK is set and read
        /// back; a device that clears it refused the set, which is fatal (FAILED is written).
        /// </summary>
        public static ulong Negotiate(IVirtioTransport transport, IClock clock, ulong wanted)
        {
            Reset(transport, clock);
            transport.WriteStatus(VirtioDeviceStatus.Acknowledge);
            transport.WriteStatus(VirtioDeviceStatus.Acknowledge | VirtioDeviceStatus.Driver);
            ulong offered = transport.ReadDeviceFeatures();
            ulong accepted = offered & wanted;
            if (transport.IsLegacy)
            {
                accepted &= VirtioFeatures.LegacyMask;
                transport.WriteDriverFeatures(accepted);
                return accepted;
            }
            if ((offered & VirtioFeatures.Version1) == 0)
            {
                Fail(transport);
                throw new VirtioException(Name(transport) + ": modern interface without VIRTIO_F_VERSION_1 (device features 0x" + Hex.Lower(offered) + ")");
            }
            accepted |= VirtioFeatures.Version1;
            transport.WriteDriverFeatures(accepted);
            byte status = VirtioDeviceStatus.Acknowledge | VirtioDeviceStatus.Driver | VirtioDeviceStatus.FeaturesOk;
            transport.WriteStatus(status);
            byte readBack = transport.ReadStatus();
            if ((readBack & VirtioDeviceStatus.FeaturesOk) == 0)
            {
                Fail(transport);
                throw new VirtioException(Name(transport) + ": device refused features 0x" + Hex.Lower(accepted) + " (FEATURES_OK not set on re-read; status " + VirtioDeviceStatus.Describe(readBack) + ")");
            }
            return accepted;
        }

        /// <summary>Sets DRIVER_OK: the device is live and may be notified from now on.</summary>
        public static void SetDriverOk(IVirtioTransport transport)
        {
            byte status = VirtioDeviceStatus.Acknowledge | VirtioDeviceStatus.Driver | VirtioDeviceStatus.DriverOk;
            if (!transport.IsLegacy) status |= VirtioDeviceStatus.FeaturesOk;
            transport.WriteStatus(status);
        }

        /// <summary>Sets FAILED: the driver has given up on the device (§2.1.1).</summary>
        public static void Fail(IVirtioTransport transport)
        {
            transport.WriteStatus((byte)(transport.ReadStatus() | VirtioDeviceStatus.Failed));
        }

        /// <summary><c>virtio 00:04.0</c>: how messages name a device before the manager names it.</summary>
        public static string Name(IVirtioTransport transport) => "virtio " + transport.Location;
    }
}
