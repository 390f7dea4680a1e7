using System.Collections.Generic;
using EclipseOS.Hal.Pci;

namespace EclipseOS.Platform.Qtest.Firmware
{
    /// <summary>What the firmware found and programmed for one PCI function (what <c>lspci</c> prints).</summary>
    public sealed class PciFunctionSetup
    {
        /// <summary>Records one function's set-up.</summary>
        public PciFunctionSetup(PciAddress address, ushort vendorId, ushort deviceId, byte classCode, byte subclass, byte progIf,
            byte headerType, IReadOnlyList<PciBar> bars, byte interruptPin, byte interruptLine)
        {
            Address = address;
            VendorId = vendorId;
            DeviceId = deviceId;
            ClassCode = classCode;
            Subclass = subclass;
            ProgIf = progIf;
            HeaderType = headerType;
            Bars = bars;
            InterruptPin = interruptPin;
            InterruptLine = interruptLine;
        }

        /// <summary>Bus/device/function.</summary>
        public PciAddress Address { get; }

        /// <summary>Vendor ID.</summary>
        public ushort VendorId { get; }

        /// <summary>Device ID.</summary>
        public ushort DeviceId { get; }

        /// <summary>Class code.</summary>
        public byte ClassCode { get; }

        /// <summary>Subclass.</summary>
        public byte Subclass { get; }

        /// <summary>Programming interface.</summary>
        public byte ProgIf { get; }

        /// <summary>Header type without the multi-function bit.</summary>
        public byte HeaderType { get; }

        /// <summary>Implemented BARs with their assigned address and size.</summary>
        public IReadOnlyList<PciBar> Bars { get; }

        /// <summary>Interrupt pin: 0 none, 1 INTA … 4 INTD.</summary>
        public byte InterruptPin { get; }

        /// <summary>Interrupt line the firmware routed INTx to (0xFF: none).</summary>
        public byte InterruptLine { get; }

        /// <summary>The BAR with register index <paramref name="index"/>, or null when not implemented.</summary>
        public PciBar? Bar(int index)
        {
            foreach (PciBar bar in Bars)
                if (bar.Index == index) return bar;
            return null;
        }
    }
}
