using EclipseOS.Drivers.Ata.Registers;

namespace EclipseOS.Drivers.Ata.Identify
{
    /// <summary>What a device's reset signature (LBA Mid / LBA High after reset) says it is.</summary>
    public enum DeviceKind
    {
        /// <summary>Nothing answered at this position.</summary>
        None,
        /// <summary>A parallel ATA disk (signature 00/00).</summary>
        Ata,
        /// <summary>A parallel ATAPI (packet) device (14/EB).</summary>
        Atapi,
        /// <summary>A SATA disk behind a legacy-mode controller (3C/C3).</summary>
        Sata,
        /// <summary>A SATA packet device behind a legacy-mode controller (69/96).</summary>
        Satapi,
        /// <summary>A signature this driver does not know.</summary>
        Unknown,
    }

    /// <summary>Decodes reset signatures (ATA/ATAPI-6 §9.12, SATA 2.6 §11.3).</summary>
    public static class DeviceSignature
    {
        /// <summary>The kind of device whose LBA Mid / LBA High registers read <paramref name="mid"/>/<paramref name="high"/>.</summary>
        public static DeviceKind Classify(byte mid, byte high)
        {
            if (mid == 0x00 && high == 0x00) return DeviceKind.Ata;
            // An absent device beside a present one: the registers float, and QEMU's ide_reset gives it FF/FF too.
            if (mid == 0xFF && high == 0xFF) return DeviceKind.None;
            if (mid == AtaRegisters.SignatureAtapiMid && high == AtaRegisters.SignatureAtapiHigh) return DeviceKind.Atapi;
            if (mid == AtaRegisters.SignatureSataMid && high == AtaRegisters.SignatureSataHigh) return DeviceKind.Sata;
            if (mid == AtaRegisters.SignatureSatapiMid && high == AtaRegisters.SignatureSatapiHigh) return DeviceKind.Satapi;
            return DeviceKind.Unknown;
        }

        /// <summary>Whether <paramref name="kind"/> speaks the PACKET command set.</summary>
        public static bool IsPacket(DeviceKind kind) => kind == DeviceKind.Atapi || kind == DeviceKind.Satapi;
    }
}
