using EclipseOS.Drivers.Ata.Identify;
using Xunit;

namespace EclipseOS.Tests.Ata
{
    /// <summary>IDENTIFY decoding: byte-swapped strings, the LBA48 bit (word 83 bit 10, not bit 6), counts, checksum.</summary>
    public sealed class IdentifyDataTests
    {
        private static byte[] Block() => new byte[IdentifyData.Size];

        private static void Put(byte[] block, int word, ushort value)
        {
            block[2 * word] = (byte)value;
            block[2 * word + 1] = (byte)(value >> 8);
        }

        [Fact]
        public void Strings_AreByteSwappedPerWord_AndTrimmed()
        {
            byte[] block = Block();
            // "QEMU HARDDISK" as ATA stores it: 'Q' in the high byte of word 27, 'E' in the low byte.
            string model = "QEMU HARDDISK".PadRight(40);
            for (int i = 0; i < 20; i++)
                Put(block, 27 + i, (ushort)((model[2 * i] << 8) | model[2 * i + 1]));
            string serial = "   QM00001".PadRight(20);
            for (int i = 0; i < 10; i++)
                Put(block, 10 + i, (ushort)((serial[2 * i] << 8) | serial[2 * i + 1]));
            IdentifyData id = IdentifyData.Parse(block, 0, out _)!;
            Assert.Equal("QEMU HARDDISK", id.Model);
            Assert.Equal("QM00001", id.Serial);
            Assert.Equal("", id.Firmware);
        }

        [Fact]
        public void Lba48_IsWord83Bit10_NotBit6()
        {
            byte[] block = Block();
            Put(block, 60, 0xFFFF); Put(block, 61, 0x0FFF);
            Put(block, 100, 0x0000); Put(block, 101, 0x1000); Put(block, 102, 0x0001);
            Put(block, 83, 0x4000 | (1 << 6));
            IdentifyData withBit6 = IdentifyData.Parse(block, 0, out _)!;
            Assert.False(withBit6.SupportsLba48);
            Assert.Equal(0x0FFFFFFFUL, withBit6.SectorCount);

            Put(block, 83, 0x4000 | (1 << 10));
            IdentifyData withBit10 = IdentifyData.Parse(block, 0, out _)!;
            Assert.True(withBit10.SupportsLba48);
            Assert.Equal(0x1_1000_0000UL, withBit10.SectorCount);
            Assert.Equal(0x0FFFFFFFu, withBit10.Lba28SectorCount);

            // Word 83 is only valid when bits 15:14 read 01.
            Put(block, 83, 0xC000 | (1 << 10));
            Assert.False(IdentifyData.Parse(block, 0, out _)!.SupportsLba48);
        }

        [Fact]
        public void Checksum_IsCheckedOnlyWhenSigned()
        {
            byte[] block = Block();
            Put(block, 60, 1234);
            Put(block, 255, 0x00A5); // signature A5 with checksum 0: wrong, sum is not 0
            Assert.Null(IdentifyData.Parse(block, 0, out string problem));
            Assert.Contains("checksum", problem);

            byte sum = 0;
            for (int i = 0; i < 511; i++) sum += block[i];
            block[511] = (byte)(0 - sum);
            Assert.NotNull(IdentifyData.Parse(block, 0, out _));
        }

        [Fact]
        public void PacketDevice_TypeAndPacketLength()
        {
            byte[] block = Block();
            Put(block, 0, 0x85C0); // QEMU's CD-ROM: ATAPI, type 5, removable, 12-byte packets
            IdentifyData id = IdentifyData.Parse(block, 0, out _)!;
            Assert.True(id.IsPacketDevice);
            Assert.Equal(5, id.PacketDeviceType);
            Assert.Equal(12, id.PacketLength);
        }

        [Theory]
        [InlineData(0x00, 0x00, DeviceKind.Ata)]
        [InlineData(0x14, 0xEB, DeviceKind.Atapi)]
        [InlineData(0x3C, 0xC3, DeviceKind.Sata)]
        [InlineData(0x69, 0x96, DeviceKind.Satapi)]
        [InlineData(0xFF, 0xFF, DeviceKind.None)]
        [InlineData(0x12, 0x34, DeviceKind.Unknown)]
        public void Signatures(byte mid, byte high, DeviceKind kind)
        {
            Assert.Equal(kind, DeviceSignature.Classify(mid, high));
        }
    }
}
