using EclipseOS.Drivers.Ahci.Port;
using EclipseOS.Drivers.Ata.Identify;
using EclipseOS.Drivers.Ata.Registers;
using EclipseOS.Storage;

namespace EclipseOS.Drivers.Ahci.Devices
{
    /// <summary>
    /// A SATA disk behind an AHCI port as a block device of 512-byte sectors: READ/WRITE DMA EXT
    /// (DMA without EXT below 2^28 on disks without LBA48), FLUSH CACHE EXT for <see cref="Flush"/>,
    /// transfers of up to 1 MiB per command; a longer transfer goes out as READ/WRITE FPDMA QUEUED
    /// commands, as many in flight as the port and the disk's queue take (NCQ).
    /// </summary>
    public sealed class AhciDisk : IBlockDevice, ICompletionStatistics, IBlockTransfer
    {
        private const int SectorSize = 512;

        private readonly AhciPort _port;
        private readonly AhciController _controller;

        private readonly AhciCommand[] _queue;

        internal AhciDisk(AhciController controller, AhciPort port, IdentifyData identify, bool useNcq)
        {
            _controller = controller;
            _port = port;
            Identify = identify;
            BlockCount = identify.SectorCount;
            Name = port.Name;
            int depth = useNcq && controller.SupportsNcq && identify.SupportsNcq && identify.SupportsLba48 ? identify.NcqQueueDepth : 1;
            QueueDepth = depth < port.CommandSlots ? depth : port.CommandSlots;
            _queue = new AhciCommand[QueueDepth];
            for (int i = 0; i < _queue.Length; i++)
                _queue[i] = new AhciCommand();
        }

        /// <summary>Commands in flight at once for a long transfer: above 1 when NCQ is used.</summary>
        public int QueueDepth { get; }

        /// <summary>Queued commands that failed and were run again one at a time.</summary>
        public ulong QueuedCommandsRerun { get; private set; }

        /// <summary>The IDENTIFY DEVICE data.</summary>
        public IdentifyData Identify { get; }

        /// <summary>The port the disk is on.</summary>
        public AhciPort Port => _port;

        /// <inheritdoc />
        public string Name
        {
            get => _port.Name;
            set => _port.Name = value;
        }

        /// <inheritdoc />
        public int BlockSize => SectorSize;

        /// <inheritdoc />
        public ulong BlockCount { get; }

        /// <inheritdoc />
        public bool IsReadOnly => false;

        /// <inheritdoc />
        public string Description => Identify.Model + " (serial " + Identify.Serial + ", firmware " + Identify.Firmware + ")";

        /// <inheritdoc />
        public string Completion => _port.UsesInterrupts ? "IRQ " + _port.InterruptLine : "polling";

        /// <inheritdoc />
        public ulong Interrupts => _controller.InterruptCount;

        /// <inheritdoc />
        public void Read(ulong lba, int blockCount, byte[] buffer, int offset)
        {
            BlockRange.Check(this, lba, blockCount, buffer, offset);
            Transfer(false, lba, blockCount, buffer, offset);
        }

        /// <inheritdoc />
        public void Write(ulong lba, int blockCount, byte[] buffer, int offset)
        {
            BlockRange.CheckWrite(this, lba, blockCount, buffer, offset);
            Transfer(true, lba, blockCount, buffer, offset);
        }

        /// <inheritdoc />
        public void Flush()
        {
            var command = new AhciCommand
            {
                Code = Identify.SupportsFlushCacheExt ? AtaCommands.FlushCacheExt : AtaCommands.FlushCache,
                Device = CommandDevice,
            };
            _port.Execute(command);
        }

        private const byte CommandDevice = 0x40;

        private void Transfer(bool write, ulong lba, int blockCount, byte[] buffer, int offset)
        {
            const int perCommand = AhciPort.MaxTransferBytes / SectorSize;
            while (blockCount > 0)
            {
                // Several commands' worth: queue them (one round of waiting for all of them).
                if (QueueDepth > 1 && blockCount > perCommand)
                {
                    int count = 0;
                    for (; count < QueueDepth && blockCount > 0; count++)
                    {
                        int sectors = blockCount < perCommand ? blockCount : perCommand;
                        Fill(_queue[count], write ? AtaCommands.WriteFpdmaQueued : AtaCommands.ReadFpdmaQueued, write, lba, sectors, buffer, offset);
                        // FPDMA QUEUED: the sector count goes in FEATURE; COUNT carries the tag.
                        _queue[count].Features = (ushort)sectors;
                        lba += (ulong)sectors;
                        offset += sectors * SectorSize;
                        blockCount -= sectors;
                    }
                    uint left = _port.ExecuteQueued(_queue, count);
                    // What the queue did not finish runs again one command at a time: a failing
                    // sector is then named exactly, and the others still arrive.
                    for (int i = 0; i < count; i++)
                    {
                        if ((left & (1u << i)) == 0)
                            continue;
                        QueuedCommandsRerun++;
                        AhciCommand failed = _queue[i];
                        FailedRange.Transfer(this, write, failed.Lba, failed.Length / SectorSize, buffer, failed.Offset, SectorSize);
                    }
                    continue;
                }
                int one = blockCount < perCommand ? blockCount : perCommand;
                FailedRange.Transfer(this, write, lba, one, buffer, offset, SectorSize);
                lba += (ulong)one;
                offset += one * SectorSize;
                blockCount -= one;
            }
        }

        /// <inheritdoc />
        /// <remarks>One ordinary DMA command of at most 1 MiB, no narrowing: a failure names the first sector.</remarks>
        public void TransferBlocks(bool write, ulong lba, int blockCount, byte[] buffer, int offset) => RunCommand(write, lba, blockCount, buffer, offset);

        private void RunCommand(bool write, ulong lba, int sectors, byte[] buffer, int offset)
        {
            bool lba48 = Identify.SupportsLba48;
            var command = new AhciCommand();
            Fill(command, write ? (lba48 ? AtaCommands.WriteDmaExt : AtaCommands.WriteDma) : (lba48 ? AtaCommands.ReadDmaExt : AtaCommands.ReadDma), write, lba, sectors, buffer, offset);
            command.Count = (ushort)sectors; // 65536 would be 0; a command moves at most 2048 here
            _port.Execute(command);
        }

        private static void Fill(AhciCommand command, byte code, bool write, ulong lba, int sectors, byte[] buffer, int offset)
        {
            command.Code = code;
            command.Lba = lba;
            command.Device = CommandDevice;
            command.Features = 0;
            command.Count = 0;
            command.Packet = null;
            command.Buffer = buffer;
            command.Offset = offset;
            command.Length = sectors * SectorSize;
            command.Write = write;
            command.ReportedLba = lba;
        }
    }
}
