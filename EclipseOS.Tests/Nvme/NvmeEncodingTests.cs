using EclipseOS.Drivers.Nvme.Commands;
using EclipseOS.Drivers.Nvme.Queues;
using EclipseOS.Hal.Dma;
using EclipseOS.Platform.Fake;
using Xunit;

namespace EclipseOS.Tests.Nvme
{
    /// <summary>PRP entries and command/status encoding, checked byte by byte against NVMe Base 1.4 §4.2, §4.3 and §4.6.</summary>
    public sealed class NvmeEncodingTests
    {
        private static (NvmeCommand Command, IDmaBuffer List) Prps(ulong address, int length)
        {
            var platform = new FakePlatform();
            IDmaBuffer list = platform.Dma.Allocate(4096, 4096);
            var command = new NvmeCommand();
            new PrpBuilder().Fill(command, address, length, list);
            return (command, list);
        }

        [Fact]
        public void OnePageNeedsOnlyPrp1_WithItsOffset()
        {
            (NvmeCommand command, _) = Prps(0x10_0200, 0xE00);
            Assert.Equal(0x10_0200UL, command.Prp1);
            Assert.Equal(0UL, command.Prp2);
        }

        [Fact]
        public void TwoPagesPutTheSecondPageInPrp2()
        {
            (NvmeCommand command, _) = Prps(0x10_0204, 4096);
            Assert.Equal(0x10_0204UL, command.Prp1);
            Assert.Equal(0x10_1000UL, command.Prp2);
        }

        [Fact]
        public void MoreThanTwoPagesUseAListOfEveryPageAfterTheFirst()
        {
            // 1 MiB from an offset of 0x40: 257 pages, the first partial; the list holds the other 256.
            (NvmeCommand command, IDmaBuffer list) = Prps(0x20_0040, 1 << 20);
            Assert.Equal(0x20_0040UL, command.Prp1);
            Assert.Equal(list.PhysicalAddress, command.Prp2);
            for (int i = 0; i < 256; i++)
                Assert.Equal(0x20_1000UL + (ulong)i * 4096, list.Read64(i * 8));
            Assert.Equal(0UL, list.Read64(256 * 8));
        }

        [Fact]
        public void AMisalignedAddressIsRefused()
        {
            Assert.Throws<System.ArgumentException>(() => Prps(0x10_0001, 512));
        }

        [Fact]
        public void AReadEncodesOpcodeIdentifierNamespaceLbaAndZeroBasedCount()
        {
            NvmeCommand command = NvmCommands.ReadWrite(false, 1, 0x1_2345_6789UL, 8);
            command.Prp1 = 0x1000;
            var entry = new byte[64];
            command.Encode(0x2A, entry);
            Assert.Equal(new byte[] { 0x02, 0x00, 0x2A, 0x00, 1, 0, 0, 0 }, entry[0..8]);
            Assert.Equal(new byte[] { 0x00, 0x10, 0, 0, 0, 0, 0, 0 }, entry[24..32]);
            Assert.Equal(new byte[] { 0x89, 0x67, 0x45, 0x23, 0x01, 0, 0, 0, 7, 0, 0, 0 }, entry[40..52]);
        }

        [Fact]
        public void StatusTextNamesTypeCodeAndMeaning()
        {
            Assert.Equal("status type 2 code 0x81 (unrecovered read error)", NvmeStatus.Describe(0x281));
            Assert.Equal("status type 0 code 0x80 (LBA out of range)", NvmeStatus.Describe(0x080));
            Assert.Equal("status type 7 code 0x12", NvmeStatus.Describe(0x712));
        }
    }
}
