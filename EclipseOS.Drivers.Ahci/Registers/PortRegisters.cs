namespace EclipseOS.Drivers.Ahci.Registers
{
    /// <summary>A port's registers, offsets from its block (Serial ATA AHCI 1.3.1 §3.3), and their bits.</summary>
    public static class PortRegisters
    {
        /// <summary>PxCLB, command list base (1 KiB aligned), and PxCLBU its upper half (§3.3.1, §3.3.2).</summary>
        public const uint CommandListBase = 0x00, CommandListBaseUpper = 0x04;
        /// <summary>PxFB, received-FIS base (256-byte aligned), and PxFBU (§3.3.3, §3.3.4).</summary>
        public const uint FisBase = 0x08, FisBaseUpper = 0x0C;
        /// <summary>PxIS, interrupt status (write 1 to clear, §3.3.5).</summary>
        public const uint InterruptStatus = 0x10;
        /// <summary>PxIE, interrupt enable (§3.3.6).</summary>
        public const uint InterruptEnable = 0x14;
        /// <summary>PxCMD, command and status (§3.3.7).</summary>
        public const uint Command = 0x18;
        /// <summary>PxTFD, task file data: status in bits 7:0, error in 15:8 (§3.3.8).</summary>
        public const uint TaskFileData = 0x20;
        /// <summary>PxSIG, the device's signature from its first D2H FIS (§3.3.9).</summary>
        public const uint Signature = 0x24;
        /// <summary>PxSSTS, SATA status: DET in bits 3:0 (§3.3.10).</summary>
        public const uint SataStatus = 0x28;
        /// <summary>PxSCTL, SATA control: DET in bits 3:0 starts a COMRESET (§3.3.11).</summary>
        public const uint SataControl = 0x2C;
        /// <summary>PxSERR, SATA error (write 1 to clear, §3.3.12).</summary>
        public const uint SataError = 0x30;
        /// <summary>PxSACT, NCQ tags outstanding (§3.3.13).</summary>
        public const uint SataActive = 0x34;
        /// <summary>PxCI, commands issued: one bit per slot, cleared by the HBA on completion (§3.3.14).</summary>
        public const uint CommandIssue = 0x38;

        /// <summary>PxCMD.ST: process the command list.</summary>
        public const uint CmdStart = 1u << 0;
        /// <summary>PxCMD.SUD: spin-up device.</summary>
        public const uint CmdSpinUp = 1u << 1;
        /// <summary>PxCMD.POD: power on device.</summary>
        public const uint CmdPowerOn = 1u << 2;
        /// <summary>PxCMD.FRE: receive FISes into PxFB.</summary>
        public const uint CmdFisReceiveEnable = 1u << 4;
        /// <summary>PxCMD.FR: FIS receive running.</summary>
        public const uint CmdFisReceiveRunning = 1u << 14;
        /// <summary>PxCMD.CR: command list running.</summary>
        public const uint CmdListRunning = 1u << 15;
        /// <summary>PxCMD.ATAPI: the device is an ATAPI device (drives the activity LED; set for packet devices).</summary>
        public const uint CmdAtapi = 1u << 24;

        /// <summary>PxIS.TFES: task file error — the device ended a command with ERR.</summary>
        public const uint IsTaskFileError = 1u << 30;
        /// <summary>PxIS.HBFS, HBDS, IFS: host bus fatal, host bus data, interface fatal errors.</summary>
        public const uint IsFatalErrors = (1u << 29) | (1u << 28) | (1u << 27);
        /// <summary>PxIS.DHRS: a D2H register FIS arrived (a non-queued command completed).</summary>
        public const uint IsDeviceToHostRegister = 1u << 0;
        /// <summary>PxIS.SDBS: a Set Device Bits FIS arrived (NCQ completions).</summary>
        public const uint IsSetDeviceBits = 1u << 3;
        /// <summary>PxIS.PSS: a PIO setup FIS arrived.</summary>
        public const uint IsPioSetup = 1u << 1;
        /// <summary>What the driver asks to be interrupted for: completions and errors.</summary>
        public const uint IsWanted = IsTaskFileError | IsFatalErrors | IsDeviceToHostRegister | IsSetDeviceBits | IsPioSetup;

        /// <summary>PxTFD status bits: BSY, DRQ, ERR.</summary>
        public const uint TfdBusy = 0x80, TfdDataRequest = 0x08, TfdError = 0x01;

        /// <summary>PxSSTS.DET = 3: device present and PHY communication established.</summary>
        public const uint DetPresent = 3;

        /// <summary>PxSIG of an ATA disk.</summary>
        public const uint SignatureAta = 0x00000101;
        /// <summary>PxSIG of an ATAPI device.</summary>
        public const uint SignatureAtapi = 0xEB140101;
    }
}
