using System;
using EclipseOS.Hal.Text;
using EclipseOS.Drivers.Ata.Channel;
using EclipseOS.Drivers.Ata.Dma;
using EclipseOS.Drivers.Ata.Identify;
using EclipseOS.Drivers.Ata.Registers;
using EclipseOS.Hal;
using EclipseOS.Hal.Dma;
using EclipseOS.Storage;

namespace EclipseOS.Drivers.Ata.Devices
{
    /// <summary>
    /// An ATA (or SATA-in-legacy-mode) disk at one position of a channel, as a block device of
    /// 512-byte sectors. Transfers use bus-master DMA when the channel has it, else PIO with a
    /// DRQ wait before every sector; LBA28 commands where they reach, LBA48 beyond; every
    /// write is followed by FLUSH CACHE (EXT), so a completed <see cref="Write"/> is durable.
    /// </summary>
    public sealed class AtaDevice : AtaChannelDevice
    {
        /// <summary>LBA28 commands are used only for sectors below this: a disk of more than 2^28−1 sectors reports 0x0FFFFFFF in words 60–61, leaving sector 0x0FFFFFFF to LBA48 (ATA/ATAPI-6 §8.15.29).</summary>
        private const ulong Lba28Reach = AtaRegisters.Lba28Limit - 1;
        private const string PhaseDataBlock = "waiting for a data block";
        private const string PhaseCompletion = "waiting for the command to complete";
        private const string PhaseDma = "waiting for the DMA transfer";
        /// <summary>First sleep between bus-master status polls; doubles up to <see cref="MaxDmaPollPause"/>.</summary>
        private const long FirstDmaPollPause = 16;
        private const long MaxDmaPollPause = 1000;

        private readonly IDma _dma;
        private readonly IClock _clock;
        private readonly ILog _log;
        private bool _dmaEnabled;

        /// <summary>Wraps the identified disk at <paramref name="slave"/> on <paramref name="channel"/>.</summary>
        public AtaDevice(IPlatform platform, AtaChannel channel, bool slave, DeviceKind kind, IdentifyData identify)
            : base(channel, slave, kind, identify)
        {
            _dma = platform.Dma;
            _clock = platform.Clock;
            _log = platform.Log;
            BlockCount = identify.SectorCount;
            _dmaEnabled = channel.Options.UseDma && identify.SupportsDma;
            Name = "ata " + Position;
        }

        /// <inheritdoc />
        public override int BlockSize => AtaRegisters.SectorSize;

        /// <inheritdoc />
        public override ulong BlockCount { get; }

        /// <summary>ATA disks have no write-protect indication; QEMU refuses read-only IDE disks outright.</summary>
        public override bool IsReadOnly => false;

        /// <summary>Whether transfers currently go by bus-master DMA.</summary>
        public bool UsesDma => _dmaEnabled && Channel.BusMaster != null;

        /// <summary>Transfers (commands) done by DMA.</summary>
        public long DmaTransfers { get; private set; }

        /// <summary>Transfers (commands) done by PIO.</summary>
        public long PioTransfers { get; private set; }

        /// <summary>DMA transfers that failed and were redone by PIO.</summary>
        public int DmaFallbacks { get; private set; }

        /// <summary>Turns DMA off (PIO only) or back on when the device and channel support it.</summary>
        public void SetDma(bool enabled)
        {
            _dmaEnabled = enabled && Identify.SupportsDma;
        }

        /// <inheritdoc />
        public override void Read(ulong lba, int blockCount, byte[] buffer, int offset)
        {
            BlockRange.Check(this, lba, blockCount, buffer, offset);
            Transfer(false, lba, blockCount, buffer, offset);
        }

        /// <inheritdoc />
        public override void Write(ulong lba, int blockCount, byte[] buffer, int offset)
        {
            BlockRange.CheckWrite(this, lba, blockCount, buffer, offset);
            if (blockCount == 0) return;
            Transfer(true, lba, blockCount, buffer, offset);
            Flush();
        }

        /// <summary>
        /// FLUSH CACHE EXT (or FLUSH CACHE) — the device's write cache reaches the medium. A
        /// device that lists neither command (pre-ATA-5) has no cache to flush.
        /// </summary>
        public override void Flush()
        {
            byte command;
            if (Identify.SupportsLba48 && Identify.SupportsFlushCacheExt) command = AtaCommands.FlushCacheExt;
            else if (Identify.SupportsFlushCache) command = AtaCommands.FlushCache;
            else return;
            try
            {
                Channel.IssueCommand(IsSlave, command);
                byte status = Channel.AwaitStatus(true, false, Channel.Options.FlushTimeoutMicroseconds, PhaseCompletion);
                Channel.ThrowIfError(status, PhaseCompletion);
            }
            catch (AtaCommandException e)
            {
                throw new BlockDeviceException(Name, AtaCommands.Name(command) + " on " + Position + ": " + e.Message + Recover(e));
            }
        }

        private void Transfer(bool write, ulong lba, int count, byte[] buffer, int offset)
        {
            while (count > 0)
            {
                // LBA48 when the rest does not fit one LBA28 command: beyond LBA28's reach, or longer than 256 sectors.
                bool lba48 = Identify.SupportsLba48 && (lba + (ulong)count > Lba28Reach || count > AtaRegisters.MaxSectorsLba28);
                int chunk = lba48 ? AtaRegisters.MaxSectorsLba48 : AtaRegisters.MaxSectorsLba28;
                bool dma = UsesDma;
                if (dma && chunk > BusMasterDma.MaxTransferBytes / AtaRegisters.SectorSize)
                    chunk = BusMasterDma.MaxTransferBytes / AtaRegisters.SectorSize;
                if (chunk > count) chunk = count;

                if (!(dma && TryDma(write, lba, chunk, buffer, offset, lba48)))
                {
                    if (write) PioWrite(lba, chunk, buffer, offset, lba48);
                    else PioRead(lba, chunk, buffer, offset, lba48);
                    PioTransfers++;
                }
                lba += (ulong)chunk;
                offset += chunk * AtaRegisters.SectorSize;
                count -= chunk;
            }
        }

        // ---- PIO (ATA/ATAPI-6 §9.8 PIO data-in, §9.9 PIO data-out) ----

        private void PioRead(ulong lba, int count, byte[] buffer, int offset, bool lba48)
        {
            byte command = lba48 ? AtaCommands.ReadSectorsExt : AtaCommands.ReadSectors;
            ulong sector = lba;
            try
            {
                Channel.IssueBlockCommand(IsSlave, command, lba, count, lba48);
                long timeout = Channel.Options.CommandTimeoutMicroseconds;
                for (int i = 0; i < count; i++)
                {
                    sector = lba + (ulong)i;
                    // Every sector is its own DRQ data block: the device raises INTRQ and sets DRQ for each.
                    byte status = Channel.AwaitStatus(true, true, timeout, PhaseDataBlock);
                    Channel.ThrowIfError(status, PhaseDataBlock);
                    Channel.ReadData(buffer, offset + i * AtaRegisters.SectorSize, AtaRegisters.WordsPerSector);
                }
            }
            catch (AtaCommandException e)
            {
                throw new BlockDeviceException(Name, sector, AtaCommands.Name(command) + " on " + Position + ": " + e.Message + Recover(e));
            }
        }

        private void PioWrite(ulong lba, int count, byte[] buffer, int offset, bool lba48)
        {
            byte command = lba48 ? AtaCommands.WriteSectorsExt : AtaCommands.WriteSectors;
            ulong sector = lba;
            try
            {
                Channel.IssueBlockCommand(IsSlave, command, lba, count, lba48);
                long timeout = Channel.Options.CommandTimeoutMicroseconds;
                for (int i = 0; i < count; i++)
                {
                    // The first block is requested without an interrupt; each later one follows the
                    // interrupt that ends the previous sector, whose errors it would report.
                    sector = i == 0 ? lba : lba + (ulong)(i - 1);
                    byte status = Channel.AwaitStatus(i > 0, true, timeout, PhaseDataBlock);
                    Channel.ThrowIfError(status, PhaseDataBlock);
                    sector = lba + (ulong)i;
                    Channel.WriteData(buffer, offset + i * AtaRegisters.SectorSize, AtaRegisters.WordsPerSector);
                }
                byte final = Channel.AwaitStatus(true, false, timeout, PhaseCompletion);
                Channel.ThrowIfError(final, PhaseCompletion);
            }
            catch (AtaCommandException e)
            {
                throw new BlockDeviceException(Name, sector, AtaCommands.Name(command) + " on " + Position + ": " + e.Message + Recover(e));
            }
        }

        // ---- Bus-master DMA (SFF-8038i §3 "Standard programming sequence") ----

        /// <summary>
        /// Moves <paramref name="count"/> sectors by DMA. Returns false when the buffer cannot
        /// be described to the controller (the caller uses PIO). A failure is logged and also
        /// answered with PIO: a device error is redone by PIO to find the failing sector; a
        /// controller failure (timeout, bus-master error) turns DMA off for this disk.
        /// </summary>
        private bool TryDma(bool write, ulong lba, int count, byte[] buffer, int offset, bool lba48)
        {
            BusMasterDma engine = Channel.BusMaster!;
            byte command = write ? (lba48 ? AtaCommands.WriteDmaExt : AtaCommands.WriteDma) : (lba48 ? AtaCommands.ReadDmaExt : AtaCommands.ReadDma);
            int bytes = count * AtaRegisters.SectorSize;
            DmaDirection direction = write ? DmaDirection.DriverToDevice : DmaDirection.DeviceToDriver;
            ulong address = _dma.Share(buffer, offset, bytes, direction);
            bool moved;
            try
            {
                moved = RunDma(engine, write, command, lba, count, bytes, address, lba48);
            }
            catch (Exception)
            {
                // No finally: IL2CPU hangs or loses an exception that passes through one (EOS011).
                _dma.Unshare(address, buffer, offset, bytes, direction);
                throw;
            }
            _dma.Unshare(address, buffer, offset, bytes, direction);
            return moved;
        }

        // One bus-master transfer; false (DMA refused or failed) sends the caller to PIO.
        private bool RunDma(BusMasterDma engine, bool write, byte command, ulong lba, int count, int bytes, ulong address, bool lba48)
        {
            try
            {
                if (!engine.Load(address, bytes))
                    return false;
                engine.ClearStatus();
                Channel.IssueBlockCommand(IsSlave, command, lba, count, lba48);
                engine.Start(!write);
                byte engineStatus = WaitForDma(engine);
                engine.Stop();
                byte status = Channel.AwaitStatus(false, false, Channel.Options.CommandTimeoutMicroseconds, PhaseCompletion);
                Channel.ThrowIfError(status, PhaseCompletion);
                if ((engineStatus & BusMasterRegisters.StatusError) != 0)
                    throw new AtaCommandException(AtaFailureKind.Protocol, "the bus-master engine reported an error (status 0x" + Hex.Upper(engineStatus, 2) + ")", status, 0);
                DmaTransfers++;
                return true;
            }
            catch (AtaCommandException e)
            {
                DmaFallbacks++;
                engine.Stop();
                if (e.Kind == AtaFailureKind.DeviceError)
                {
                    _log.WriteLine("[ATA] " + Name + ": " + AtaCommands.Name(command) + " at block " + lba + " failed (" + e.Message + "); retrying by PIO");
                }
                else
                {
                    _dmaEnabled = false;
                    _log.WriteLine("[ATA] " + Name + ": " + AtaCommands.Name(command) + " at block " + lba + " failed (" + e.Message + ")" + Recover(e) + "; DMA turned off, using PIO");
                }
                return false;
            }
        }

        /// <summary>
        /// Waits for the engine to finish: after the IRQ in interrupt mode, else by polling the
        /// bus-master status with growing pauses (each poll is a register access). Done means
        /// not active, or the interrupt or error bit set.
        /// </summary>
        private byte WaitForDma(BusMasterDma engine)
        {
            long timeout = Channel.Options.CommandTimeoutMicroseconds;
            Deadline deadline = Deadline.After(_clock, timeout);
            long pause = FirstDmaPollPause;
            if (Channel.InterruptMode)
            {
                if (!Channel.Interrupts.Wait(Channel.InterruptLine, timeout))
                    throw new AtaCommandException(AtaFailureKind.Timeout,
                        "no interrupt on IRQ " + Channel.InterruptLine + " within " + Duration.Milliseconds(timeout) + " " + PhaseDma + " (bus-master status 0x" + Hex.Upper(engine.ReadStatus(), 2) + ")", 0, 0);
            }
            else
            {
                _clock.Delay(pause);
            }
            while (true)
            {
                byte status = engine.ReadStatus();
                if ((status & BusMasterRegisters.StatusActive) == 0 || (status & (BusMasterRegisters.StatusInterrupt | BusMasterRegisters.StatusError)) != 0)
                    return status;
                if (deadline.Expired)
                    throw new AtaCommandException(AtaFailureKind.Timeout,
                        "DMA still active after " + Duration.Milliseconds(timeout) + " (bus-master status 0x" + Hex.Upper(status, 2) + ")", 0, 0);
                _clock.Delay(pause);
                if (SignedInt64.Less(pause, MaxDmaPollPause)) pause *= 2;
            }
        }
    }
}
