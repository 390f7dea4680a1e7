namespace EclipseOS.Hal.Pci
{
    /// <summary>Type 0/1 configuration header offsets and bits (PCI Local Bus Specification 3.0, §6.1–6.2).</summary>
    public static class PciRegisters
    {
        /// <summary>Vendor ID (16 bits); 0xFFFF when no function answers.</summary>
        public const byte VendorId = 0x00;
        /// <summary>Device ID (16 bits).</summary>
        public const byte DeviceId = 0x02;
        /// <summary>Command register (16 bits).</summary>
        public const byte Command = 0x04;
        /// <summary>Status register (16 bits).</summary>
        public const byte Status = 0x06;
        /// <summary>Revision ID (8 bits).</summary>
        public const byte RevisionId = 0x08;
        /// <summary>Programming interface (8 bits).</summary>
        public const byte ProgIf = 0x09;
        /// <summary>Subclass (8 bits).</summary>
        public const byte Subclass = 0x0A;
        /// <summary>Class code (8 bits).</summary>
        public const byte ClassCode = 0x0B;
        /// <summary>Header type (8 bits); bit 7 = multi-function device.</summary>
        public const byte HeaderType = 0x0E;
        /// <summary>First base address register; six of them, 4 bytes apart (type 0 header).</summary>
        public const byte Bar0 = 0x10;
        /// <summary>Secondary bus number of a PCI-to-PCI bridge (type 1 header).</summary>
        public const byte SecondaryBus = 0x19;
        /// <summary>Subsystem vendor ID (16 bits, type 0 header).</summary>
        public const byte SubsystemVendorId = 0x2C;
        /// <summary>Subsystem ID (16 bits, type 0 header).</summary>
        public const byte SubsystemId = 0x2E;
        /// <summary>Capabilities pointer (8 bits), valid when status bit 4 is set.</summary>
        public const byte CapabilitiesPointer = 0x34;
        /// <summary>Interrupt line (8 bits): the IRQ firmware routed INTx to.</summary>
        public const byte InterruptLine = 0x3C;
        /// <summary>Interrupt pin (8 bits): 0 none, 1 INTA … 4 INTD.</summary>
        public const byte InterruptPin = 0x3D;

        /// <summary>Command bit: respond to I/O space accesses.</summary>
        public const ushort CommandIoSpace = 1 << 0;
        /// <summary>Command bit: respond to memory space accesses.</summary>
        public const ushort CommandMemorySpace = 1 << 1;
        /// <summary>Command bit: may master the bus (DMA).</summary>
        public const ushort CommandBusMaster = 1 << 2;
        /// <summary>Command bit: INTx disabled.</summary>
        public const ushort CommandInterruptDisable = 1 << 10;

        /// <summary>Status bit: a capability list is present.</summary>
        public const ushort StatusCapabilityList = 1 << 4;
        /// <summary>Status bit: this function's INTx is asserted.</summary>
        public const ushort StatusInterrupt = 1 << 3;

        /// <summary>Capability ID of a vendor-specific capability (virtio uses it).</summary>
        public const byte CapabilityVendorSpecific = 0x09;
    }
}
