namespace EclipseOS.Drivers.Ahci.Registers
{
    /// <summary>
    /// The HBA's generic host control registers in ABAR (BAR5), Serial ATA AHCI 1.3.1 §3.1, and
    /// the PCI identity of an AHCI function (§2.1.3: class 01h, subclass 06h, interface 01h).
    /// </summary>
    public static class HbaRegisters
    {
        /// <summary>PCI base class: mass storage.</summary>
        public const byte PciClassMassStorage = 0x01;
        /// <summary>PCI subclass: SATA controller.</summary>
        public const byte PciSubclassSata = 0x06;
        /// <summary>PCI programming interface: AHCI 1.0.</summary>
        public const byte PciProgIfAhci = 0x01;
        /// <summary>ABAR is BAR5 (§2.1.11).</summary>
        public const int AbarIndex = 5;

        /// <summary>CAP, Host Capabilities (§3.1.1).</summary>
        public const uint Cap = 0x00;
        /// <summary>GHC, Global HBA Control (§3.1.2).</summary>
        public const uint Ghc = 0x04;
        /// <summary>IS, Interrupt Status: one bit per port (§3.1.3).</summary>
        public const uint InterruptStatus = 0x08;
        /// <summary>PI, Ports Implemented (§3.1.4).</summary>
        public const uint PortsImplemented = 0x0C;
        /// <summary>VS, Version (§3.1.5).</summary>
        public const uint Version = 0x10;

        /// <summary>CAP.S64A: 64-bit addressing.</summary>
        public const uint CapS64a = 1u << 31;
        /// <summary>CAP.SNCQ: native command queuing.</summary>
        public const uint CapSncq = 1u << 30;
        /// <summary>CAP.NCS (bits 12:8): command slots minus one.</summary>
        public const int CapNcsShift = 8;

        /// <summary>GHC.AE: AHCI enable.</summary>
        public const uint GhcAhciEnable = 1u << 31;
        /// <summary>GHC.IE: interrupt enable.</summary>
        public const uint GhcInterruptEnable = 1u << 1;
        /// <summary>GHC.HR: HBA reset (self-clearing; §10.4.3 allows 1 s).</summary>
        public const uint GhcHbaReset = 1u << 0;

        /// <summary>Port register block of port <paramref name="port"/>: 0x100 + 0x80 × port (§3.3).</summary>
        public static uint PortBase(int port) => 0x100u + 0x80u * (uint)port;

        /// <summary>Bytes of ABAR that cover all 32 ports.</summary>
        public const uint AbarBytes = 0x1100;
    }
}
