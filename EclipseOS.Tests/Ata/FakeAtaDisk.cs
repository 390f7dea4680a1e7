using System;
using EclipseOS.Drivers.Ata.Registers;
using EclipseOS.Platform.Fake;
using EclipseOS.Platform.Fake.Devices;

namespace EclipseOS.Tests.Ata
{
    /// <summary>The faults <see cref="FakeAtaDisk"/> can produce on its next READ/WRITE command.</summary>
    public enum FakeAtaFault
    {
        None,
        /// <summary>BSY is set and never clears.</summary>
        BusyForever,
        /// <summary>BSY clears but DRQ never comes (and no ERR either).</summary>
        NoDataRequest,
        /// <summary>The command ends at once with ERR and <see cref="FakeAtaDisk.FaultError"/> in the error register.</summary>
        Error,
        /// <summary>The command ends at once with DF (device fault).</summary>
        DeviceFault,
        /// <summary>After <see cref="FakeAtaDisk.VanishAfterSectors"/> sectors the device disappears: the bus floats (0xFF).</summary>
        Vanish,
    }

    /// <summary>
    /// A minimal ATA disk (device 0 only) on the primary legacy ports of a <see cref="FakePlatform"/>,
    /// for the faults QEMU's IDE will not produce. It implements the parts of ATA/ATAPI-6 the
    /// driver uses — SRST and signature, IDENTIFY DEVICE, READ/WRITE SECTORS (EXT) one DRQ block
    /// per sector, FLUSH CACHE (EXT), CHECK POWER MODE — and no interrupts (tests run the
    /// driver in polling mode).
    /// </summary>
    public sealed class FakeAtaDisk
    {
        private readonly FakePlatform _platform;
        private readonly byte[] _sectors;
        private RegisterRange? _commandRange;
        private RegisterRange? _controlRange;

        // Task file; the LBA48 registers are two-deep FIFOs (previous = high-order byte).
        private byte _count, _countPrevious, _lbaLow, _lbaLowPrevious, _lbaMid, _lbaMidPrevious, _lbaHigh, _lbaHighPrevious;
        private byte _device, _status = AtaRegisters.StatusReady | AtaRegisters.StatusSeekComplete, _error, _control;

        private readonly byte[] _buffer = new byte[512];
        private int _bufferWords = -1;   // words transferred in the current DRQ block, -1 when no block
        private bool _writing;
        private ulong _transferLba;
        private int _transferLeft;
        private int _sectorsMoved;

        public FakeAtaDisk(FakePlatform platform, int sectorCount)
        {
            _platform = platform;
            _sectors = new byte[sectorCount * 512];
            SectorCount = sectorCount;
            _commandRange = platform.MapPorts(AtaRegisters.PrimaryCommandBase, 8, new DelegateRegisterHandler(ReadCommand, WriteCommand), "fake-ata");
            _controlRange = platform.MapPorts(AtaRegisters.PrimaryControlPort, 1, new DelegateRegisterHandler(ReadControl, WriteControl), "fake-ata-control");
        }

        public int SectorCount { get; }
        public byte[] Sectors => _sectors;
        public string Model { get; set; } = "FAKE ATA DISK";
        public bool Lba48 { get; set; } = true;
        public bool Lba { get; set; } = true;
        /// <summary>IDENTIFY word 49 bit 8: the device claims DMA support.</summary>
        public bool DmaCapable { get; set; }
        /// <summary>Whether READ/WRITE DMA (EXT) are accepted (ending at once with DRDY: the data is the bus-master engine's business) or aborted.</summary>
        public bool AcceptDmaCommands { get; set; }
        public FakeAtaFault Fault { get; set; }
        public byte FaultError { get; set; }
        public int VanishAfterSectors { get; set; }
        public int Commands { get; private set; }
        public byte LastCommand { get; private set; }

        private bool SlaveSelected => (_device & AtaRegisters.DeviceSelect1) != 0;

        private ulong ReadCommand(ulong offset, int size)
        {
            if (SlaveSelected && offset != AtaRegisters.Data)
                return 0; // no device 1: QEMU-like, the registers read 0
            switch ((int)offset)
            {
                case AtaRegisters.Data: return ReadData();
                case AtaRegisters.Error: return _error;
                case AtaRegisters.SectorCount: return HobRead() ? _countPrevious : _count;
                case AtaRegisters.LbaLow: return HobRead() ? _lbaLowPrevious : _lbaLow;
                case AtaRegisters.LbaMid: return HobRead() ? _lbaMidPrevious : _lbaMid;
                case AtaRegisters.LbaHigh: return HobRead() ? _lbaHighPrevious : _lbaHigh;
                case AtaRegisters.Device: return _device;
                default: return _status;
            }
        }

        private bool HobRead() => (_control & AtaRegisters.ControlHighOrderByte) != 0;

        private void WriteCommand(ulong offset, int size, ulong value)
        {
            byte b = (byte)value;
            switch ((int)offset)
            {
                case AtaRegisters.Data: WriteData((ushort)value); break;
                case AtaRegisters.Features: break;
                case AtaRegisters.SectorCount: _countPrevious = _count; _count = b; break;
                case AtaRegisters.LbaLow: _lbaLowPrevious = _lbaLow; _lbaLow = b; break;
                case AtaRegisters.LbaMid: _lbaMidPrevious = _lbaMid; _lbaMid = b; break;
                case AtaRegisters.LbaHigh: _lbaHighPrevious = _lbaHigh; _lbaHigh = b; break;
                case AtaRegisters.Device: _device = b; break;
                case AtaRegisters.Command: if (!SlaveSelected) Execute(b); break;
            }
        }

        private ulong ReadControl(ulong offset, int size) => SlaveSelected ? 0UL : _status;

        private void WriteControl(ulong offset, int size, ulong value)
        {
            byte b = (byte)value;
            if ((b & AtaRegisters.ControlSoftwareReset) != 0)
            {
                _status = AtaRegisters.StatusBusy;
            }
            else if ((_control & AtaRegisters.ControlSoftwareReset) != 0)
            {
                // End of SRST: device 0 selected, ATA signature (§9.12), diagnostic code 01.
                _status = AtaRegisters.StatusReady | AtaRegisters.StatusSeekComplete;
                _error = 1; _count = 1; _lbaLow = 1; _lbaMid = 0; _lbaHigh = 0; _device = 0;
                _bufferWords = -1;
            }
            _control = b;
        }

        private void Execute(byte command)
        {
            Commands++;
            LastCommand = command;
            _error = 0;
            switch (command)
            {
                case AtaCommands.IdentifyDevice:
                    FillIdentify();
                    _bufferWords = 0;
                    _writing = false;
                    _transferLeft = 1;
                    _status = AtaRegisters.StatusReady | AtaRegisters.StatusDataRequest;
                    return;
                case AtaCommands.FlushCache:
                case AtaCommands.FlushCacheExt:
                    _status = AtaRegisters.StatusReady | AtaRegisters.StatusSeekComplete;
                    return;
                case AtaCommands.CheckPowerMode:
                    _count = 0xFF;
                    _status = AtaRegisters.StatusReady | AtaRegisters.StatusSeekComplete;
                    return;
                case AtaCommands.ReadSectors:
                case AtaCommands.ReadSectorsExt:
                case AtaCommands.WriteSectors:
                case AtaCommands.WriteSectorsExt:
                    StartTransfer(command);
                    return;
                case AtaCommands.ReadDma:
                case AtaCommands.ReadDmaExt:
                case AtaCommands.WriteDma:
                case AtaCommands.WriteDmaExt:
                    if (AcceptDmaCommands) _status = AtaRegisters.StatusReady | AtaRegisters.StatusSeekComplete;
                    else Abort(AtaRegisters.ErrorAborted);
                    return;
                default:
                    Abort(AtaRegisters.ErrorAborted);
                    return;
            }
        }

        private void StartTransfer(byte command)
        {
            bool ext = command == AtaCommands.ReadSectorsExt || command == AtaCommands.WriteSectorsExt;
            if (ext && !Lba48) { Abort(AtaRegisters.ErrorAborted); return; }
            ulong lba;
            int count;
            if (ext)
            {
                lba = _lbaLow | ((ulong)_lbaMid << 8) | ((ulong)_lbaHigh << 16) | ((ulong)_lbaLowPrevious << 24) | ((ulong)_lbaMidPrevious << 32) | ((ulong)_lbaHighPrevious << 40);
                count = _count | (_countPrevious << 8);
                if (count == 0) count = 65536;
            }
            else
            {
                lba = _lbaLow | ((ulong)_lbaMid << 8) | ((ulong)_lbaHigh << 16) | ((ulong)(_device & 0x0F) << 24);
                count = _count == 0 ? 256 : _count;
            }
            switch (Fault)
            {
                case FakeAtaFault.BusyForever: _status = AtaRegisters.StatusBusy; return;
                case FakeAtaFault.NoDataRequest: _status = AtaRegisters.StatusReady | AtaRegisters.StatusSeekComplete; return;
                case FakeAtaFault.Error: Abort(FaultError); return;
                case FakeAtaFault.DeviceFault: _status = AtaRegisters.StatusReady | AtaRegisters.StatusDeviceFault; return;
            }
            if (lba + (ulong)count > (ulong)SectorCount) { Abort(AtaRegisters.ErrorIdNotFound); return; }
            _writing = command == AtaCommands.WriteSectors || command == AtaCommands.WriteSectorsExt;
            _transferLba = lba;
            _transferLeft = count;
            _sectorsMoved = 0;
            BeginBlock();
        }

        private void BeginBlock()
        {
            if (Fault == FakeAtaFault.Vanish && _sectorsMoved == VanishAfterSectors)
            {
                Vanish();
                return;
            }
            if (!_writing)
                Array.Copy(_sectors, (long)_transferLba * 512, _buffer, 0, 512);
            _bufferWords = 0;
            _status = AtaRegisters.StatusReady | AtaRegisters.StatusDataRequest;
        }

        private ushort ReadData()
        {
            if (_bufferWords < 0 || _writing) return 0xFFFF;
            ushort word = (ushort)(_buffer[2 * _bufferWords] | (_buffer[2 * _bufferWords + 1] << 8));
            if (++_bufferWords == 256) EndBlock();
            return word;
        }

        private void WriteData(ushort word)
        {
            if (_bufferWords < 0 || !_writing) return;
            _buffer[2 * _bufferWords] = (byte)word;
            _buffer[2 * _bufferWords + 1] = (byte)(word >> 8);
            if (++_bufferWords == 256)
            {
                Array.Copy(_buffer, 0, _sectors, (long)_transferLba * 512, 512);
                EndBlock();
            }
        }

        private void EndBlock()
        {
            _bufferWords = -1;
            _transferLba++;
            _sectorsMoved++;
            if (--_transferLeft > 0) BeginBlock();
            else _status = AtaRegisters.StatusReady | AtaRegisters.StatusSeekComplete;
        }

        private void Abort(byte error)
        {
            _error = error;
            _bufferWords = -1;
            _status = AtaRegisters.StatusReady | AtaRegisters.StatusError;
        }

        /// <summary>The device is pulled: its ports stop decoding, so the bus floats.</summary>
        public void Vanish()
        {
            if (_commandRange != null) _platform.Unmap(_commandRange);
            if (_controlRange != null) _platform.Unmap(_controlRange);
            _commandRange = _controlRange = null;
        }

        private void FillIdentify()
        {
            Array.Clear(_buffer);
            PutWord(0, 0x0040); // fixed, non-removable ATA device
            PutString(10, 10, "FAKE0001");
            PutString(23, 4, "1.0");
            PutString(27, 20, Model);
            PutWord(49, (ushort)((Lba ? 1 << 9 : 0) | (DmaCapable ? 1 << 8 : 0)));
            PutWord(60, (ushort)Math.Min(SectorCount, 0x0FFFFFFF));
            PutWord(61, (ushort)(Math.Min(SectorCount, 0x0FFFFFFF) >> 16));
            PutWord(83, (ushort)(0x4000 | (1 << 12) | (Lba48 ? (1 << 10) | (1 << 13) : 0)));
            PutWord(100, (ushort)SectorCount);
            PutWord(101, (ushort)(SectorCount >> 16));
        }

        private void PutWord(int word, ushort value)
        {
            _buffer[2 * word] = (byte)value;
            _buffer[2 * word + 1] = (byte)(value >> 8);
        }

        private void PutString(int firstWord, int words, string text)
        {
            string padded = text.PadRight(words * 2);
            for (int i = 0; i < words; i++)
                PutWord(firstWord + i, (ushort)((padded[2 * i] << 8) | padded[2 * i + 1]));
        }
    }
}
