namespace EclipseOS.Drivers.Nvme.Registers
{
    /// <summary>
    /// The controller registers in BAR0 (NVM Express Base Specification 1.4, §3.1) and the PCI
    /// identity of an NVMe function (class 01h, subclass 08h, interface 02h: NVM Express).
    /// </summary>
    public static class ControllerRegisters
    {
        /// <summary>PCI base class: mass storage.</summary>
        public const byte PciClassMassStorage = 0x01;
        /// <summary>PCI subclass: non-volatile memory controller.</summary>
        public const byte PciSubclassNvm = 0x08;
        /// <summary>PCI programming interface: NVM Express.</summary>
        public const byte PciProgIfNvme = 0x02;
        /// <summary>The registers are in BAR0 (a 64-bit memory BAR, with BAR1 as its upper half; §2.1.10).</summary>
        public const int BarIndex = 0;

        /// <summary>CAP, Controller Capabilities, 64 bits (§3.1.1).</summary>
        public const uint Cap = 0x00;
        /// <summary>VS, Version (§3.1.2): major in bits 31:16, minor in 15:8.</summary>
        public const uint Version = 0x08;
        /// <summary>INTMS, Interrupt Mask Set: writing 1 masks that vector's pin-based interrupt (§3.1.3). Not used with MSI-X.</summary>
        public const uint InterruptMaskSet = 0x0C;
        /// <summary>INTMC, Interrupt Mask Clear: writing 1 unmasks it (§3.1.4). Not used with MSI-X.</summary>
        public const uint InterruptMaskClear = 0x10;
        /// <summary>CC, Controller Configuration (§3.1.5).</summary>
        public const uint Configuration = 0x14;
        /// <summary>CSTS, Controller Status (§3.1.6).</summary>
        public const uint Status = 0x1C;
        /// <summary>AQA, Admin Queue Attributes (§3.1.8): ASQS in 11:0, ACQS in 27:16, both 0-based.</summary>
        public const uint AdminQueueAttributes = 0x24;
        /// <summary>ASQ, Admin Submission Queue base address, 64 bits (§3.1.9).</summary>
        public const uint AdminSubmissionQueue = 0x28;
        /// <summary>ACQ, Admin Completion Queue base address, 64 bits (§3.1.10).</summary>
        public const uint AdminCompletionQueue = 0x30;
        /// <summary>First doorbell (§3.1.24): SQ y tail at 0x1000 + 2y × stride, CQ y head at 0x1000 + (2y + 1) × stride.</summary>
        public const uint DoorbellBase = 0x1000;

        /// <summary>CAP.MQES (15:0): largest queue the controller takes, 0-based.</summary>
        public const ulong CapMaxQueueEntriesMask = 0xFFFF;
        /// <summary>CAP.TO (31:24): worst-case time to become ready or not ready, in 500 ms units.</summary>
        public const int CapTimeoutShift = 24;
        /// <summary>CAP.DSTRD (35:32): doorbell stride is 4 &lt;&lt; DSTRD bytes.</summary>
        public const int CapDoorbellStrideShift = 32;
        /// <summary>CAP.CSS bit 37: the NVM command set is supported.</summary>
        public const ulong CapNvmCommandSet = 1UL << 37;
        /// <summary>CAP.MPSMIN (51:48): smallest memory page, 2^(12 + MPSMIN) bytes.</summary>
        public const int CapMinPageSizeShift = 48;

        /// <summary>CC.EN: enable.</summary>
        public const uint CcEnable = 1u << 0;
        /// <summary>CC.MPS (10:7): memory page size 2^(12 + MPS); 0 = 4 KiB.</summary>
        public const int CcPageSizeShift = 7;
        /// <summary>CC.IOSQES (19:16): I/O submission queue entry size as a power of two (6: 64 bytes).</summary>
        public const int CcIoSqEntrySizeShift = 16;
        /// <summary>CC.IOCQES (23:20): I/O completion queue entry size as a power of two (4: 16 bytes).</summary>
        public const int CcIoCqEntrySizeShift = 20;

        /// <summary>CSTS.RDY: ready to process commands.</summary>
        public const uint CstsReady = 1u << 0;
        /// <summary>CSTS.CFS: controller fatal status; only a reset brings it back.</summary>
        public const uint CstsFatal = 1u << 1;

        /// <summary>The NVMe memory page the driver programs (CC.MPS = 0) and builds PRPs in.</summary>
        public const int PageSize = 4096;
        /// <summary>Bytes of a submission queue entry (2^6).</summary>
        public const int SubmissionEntryBytes = 64;
        /// <summary>Bytes of a completion queue entry (2^4).</summary>
        public const int CompletionEntryBytes = 16;
        /// <summary>log2 of <see cref="SubmissionEntryBytes"/>, for CC.IOSQES.</summary>
        public const uint SubmissionEntrySizeLog2 = 6;
        /// <summary>log2 of <see cref="CompletionEntryBytes"/>, for CC.IOCQES.</summary>
        public const uint CompletionEntrySizeLog2 = 4;

        /// <summary>Offset of the SQ <paramref name="queue"/> tail doorbell for a stride of <paramref name="stride"/> bytes.</summary>
        public static uint SubmissionTailDoorbell(int queue, uint stride) => DoorbellBase + (uint)(2 * queue) * stride;

        /// <summary>Offset of the CQ <paramref name="queue"/> head doorbell for a stride of <paramref name="stride"/> bytes.</summary>
        public static uint CompletionHeadDoorbell(int queue, uint stride) => DoorbellBase + (uint)(2 * queue + 1) * stride;
    }
}
