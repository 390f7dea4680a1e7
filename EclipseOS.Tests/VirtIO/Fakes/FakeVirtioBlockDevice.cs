using System;
using System.Collections.Generic;
using System.Text;
using EclipseOS.Drivers.VirtIO.Device;
using EclipseOS.Drivers.VirtIO.Queue;
using EclipseOS.Hal.Pci;
using EclipseOS.Platform.Fake;
using EclipseOS.Platform.Fake.Devices;
using EclipseOS.Platform.Fake.Memory;
using EclipseOS.Platform.Fake.Pci;

namespace EclipseOS.Tests.VirtIO.Fakes
{
    /// <summary>Which PCI interface the fake virtio-blk exposes.</summary>
    public enum FakeVirtioInterface
    {
        /// <summary>1af4:1042 with capabilities into a 64-bit memory BAR4.</summary>
        Modern,
        /// <summary>1af4:1001 with only the legacy I/O BAR0.</summary>
        Legacy,
        /// <summary>1af4:1001 with the legacy I/O BAR0 and the modern capabilities into BAR4.</summary>
        Transitional,
    }

    /// <summary>
    /// A virtio-blk device model on the fake platform, written from the VirtIO 1.1 text, for the
    /// faults QEMU will not produce. It walks the split ring from RAM as a device does, and, like
    /// Fuchsia's fake backend, records every breach of the driver-side rules in
    /// <see cref="Violations"/>: feature writes after FEATURES_OK, notifications before
    /// DRIVER_OK, avail idx moving backwards (or jumping by more than the queue size).
    /// </summary>
    public sealed class FakeVirtioBlockDevice
    {
        // Modern layout inside BAR4 (the same places QEMU uses).
        private const ulong CommonOffset = 0x0000;
        private const ulong IsrOffset = 0x1000;
        private const ulong DeviceOffset = 0x2000;
        private const ulong NotifyOffset = 0x3000;
        private const uint NotifyMultiplier = 4;
        private const int ConfigSize = 60;

        private readonly FakePlatform _platform;
        private readonly FakeDmaMemory _ram;
        private readonly FakePciFunction _function;
        private readonly byte[] _config = new byte[ConfigSize];

        private byte _status;
        private uint _deviceFeatureSelect;
        private uint _driverFeatureSelect;
        private ulong _driverFeatures;
        private int _queueSelect;
        private int _queueSize;
        private ulong _desc, _avail, _used;
        private bool _queueEnabled;
        private ushort _lastAvail;
        private ushort _seenAvail;
        private ushort _usedIdx;
        private byte _isr;
        private bool _broken;
        private int _requestsProcessed;
        private int _resetReadsLeft;
        private bool _processingScheduled;

        /// <summary>Creates the device with <paramref name="sectors"/> 512-byte sectors and puts it at <paramref name="address"/>.</summary>
        public FakeVirtioBlockDevice(FakePlatform platform, FakeVirtioInterface kind, ulong sectors, PciAddress address, byte interruptLine = 11, bool assignModernBar = true)
        {
            _platform = platform;
            _ram = platform.DmaMemory;
            Disk = new byte[sectors * 512];
            Capacity = sectors;
            bool hasLegacy = kind != FakeVirtioInterface.Modern;
            bool hasModern = kind != FakeVirtioInterface.Legacy;
            OfferedFeatures = VirtioFeatures.BlockSegMax | VirtioFeatures.BlockFlush | VirtioFeatures.BlockBlkSize |
                              VirtioFeatures.RingIndirectDesc | VirtioFeatures.RingEventIdx |
                              (hasModern ? VirtioFeatures.Version1 : 0);
            _function = new FakePciFunction(0x1AF4, hasLegacy ? (ushort)0x1001 : (ushort)0x1042, 0x01, 0x00);
            _function.SetSubsystem(0x1AF4, 2);
            _function.InterruptPin = 1;
            _function.InterruptLine = interruptLine;
            if (hasLegacy)
                _function.DefineIoBar(0, 128, new DelegateRegisterHandler((o, n) => ReadRegister(true, o, n), (o, n, v) => WriteRegister(true, o, n, v)));
            if (hasModern)
            {
                _function.DefineMemoryBar(4, 0x4000, new DelegateRegisterHandler((o, n) => ReadRegister(false, o, n), (o, n, v) => WriteRegister(false, o, n, v)), is64Bit: true, prefetchable: true);
                AddCap(1, CommonOffset, 0x38);
                AddCap(3, IsrOffset, 1);
                AddCap(4, DeviceOffset, ConfigSize);
                AddCap(2, NotifyOffset, 0x1000, NotifyMultiplier);
            }
            platform.AddPciFunction(address, _function);
            // Firmware's job: assign the BARs and enable decoding (the qtest platform does the same).
            if (hasLegacy)
                _function.WriteConfig(PciRegisters.Bar0, 4, 0xC000);
            if (hasModern && assignModernBar)
            {
                _function.WriteConfig(PciRegisters.Bar0 + 16, 4, 0xE0000000);
                _function.WriteConfig(PciRegisters.Bar0 + 20, 4, 0);
            }
            _function.WriteConfig(PciRegisters.Command, 2, PciRegisters.CommandIoSpace | PciRegisters.CommandMemorySpace);
        }

        // ---- What a test sets -------------------------------------------------------------------

        /// <summary>The disk contents.</summary>
        public byte[] Disk { get; }
        /// <summary>Capacity reported in config (sectors).</summary>
        public ulong Capacity { get; set; }
        /// <summary>Features offered.</summary>
        public ulong OfferedFeatures { get; set; }
        /// <summary>Largest queue (0: the queue does not exist).</summary>
        public int QueueMax { get; set; } = 128;
        /// <summary>seg_max in config.</summary>
        public uint SegMax { get; set; } = 126;
        /// <summary>size_max in config.</summary>
        public uint SizeMax { get; set; }
        /// <summary>blk_size in config.</summary>
        public uint BlkSize { get; set; } = 512;
        /// <summary>Serial returned by GET_ID (null: GET_ID answers UNSUPP).</summary>
        public string? Serial { get; set; } = "FAKE-0001";
        /// <summary>Fake microseconds between a notification and the processing of the ring.</summary>
        public long CompletionDelay { get; set; }
        /// <summary>Puts the used elements of one processing pass in reverse order (completions out of order).</summary>
        public bool ReverseCompletions { get; set; }
        /// <summary>Returns a status other than OK for chosen requests: (type, sector) → status or null.</summary>
        public Func<uint, ulong, byte?>? StatusFor { get; set; }
        /// <summary>Clears FEATURES_OK when the driver sets it.</summary>
        public bool RefuseFeatures { get; set; }
        /// <summary>Ignores notifications (requests never complete).</summary>
        public bool NeverComplete { get; set; }

        /// <summary>Completions never reach the interrupt line (a wrong routing, a dead INTx wire): the fault that makes the driver poll.</summary>
        public bool SilentInterrupts { get; set; }
        /// <summary>Fake microseconds between a completion reaching the used ring and its interrupt (a CPU held up past the driver's wait, as a loaded host does to a virtual CPU).</summary>
        public long InterruptDelay { get; set; }
        /// <summary>After this many requests, the next one sets DEVICE_NEEDS_RESET instead (once per value; -1 never).</summary>
        public int NeedsResetAfter { get; set; } = -1;
        /// <summary>Also set DEVICE_NEEDS_RESET again on the first request after a reset.</summary>
        public bool NeedsResetAgain { get; set; }
        /// <summary>How the used element of request number <see cref="CorruptRequest"/> is corrupted.</summary>
        public UsedCorruption Corruption { get; set; }
        /// <summary>The request (0-based, counted over the device's life) whose used element is corrupted.</summary>
        public int CorruptRequest { get; set; }
        /// <summary>Config reads during which config_generation changes (each read of capacity low bumps it).</summary>
        public int GenerationBumps { get; set; }
        /// <summary>Status reads that still show the old value after a reset (a slow modern reset).</summary>
        public int ResetReads { get; set; }

        // ---- What a test observes -------------------------------------------------------------

        /// <summary>Driver behaviour that breaks the spec's driver requirements.</summary>
        public List<string> Violations { get; } = new List<string>();
        /// <summary>Notifications received.</summary>
        public int Notifications { get; private set; }
        /// <summary>Interrupts raised.</summary>
        public int Interrupts { get; private set; }
        /// <summary>Requests completed.</summary>
        public int Completed { get; private set; }
        /// <summary>Resets seen.</summary>
        public int Resets { get; private set; }
        /// <summary>Device status byte.</summary>
        public byte Status => _status;
        /// <summary>Features the driver wrote last.</summary>
        public ulong DriverFeatures => _driverFeatures;
        /// <summary>Queue size in use.</summary>
        public int QueueSize => _queueSize;
        /// <summary>Largest avail idx step the driver published at once.</summary>
        public int LargestPublish { get; private set; }
        /// <summary>Config generation.</summary>
        public byte Generation { get; private set; }
        /// <summary>The PCI function.</summary>
        public FakePciFunction Function => _function;

        /// <summary>How a used element is corrupted.</summary>
        public enum UsedCorruption
        {
            /// <summary>Correct.</summary>
            None,
            /// <summary>id beyond the queue size.</summary>
            IdOutOfRange,
            /// <summary>id of a descriptor not in flight.</summary>
            IdNotInFlight,
            /// <summary>len larger than the writable buffers.</summary>
            LengthTooLong,
            /// <summary>The element is pushed twice.</summary>
            Twice,
            /// <summary>The status byte is not written.</summary>
            NoStatus,
        }

        /// <summary>Whether the driver last reached the device through the legacy interface.</summary>
        public bool DrivenThroughLegacy { get; private set; }

        private void AddCap(byte type, ulong offset, uint length, uint multiplier = 0)
        {
            var body = new byte[multiplier != 0 ? 18 : 14];
            body[0] = (byte)(body.Length + 2); // cap_len
            body[1] = type;                    // cfg_type
            body[2] = 4;                       // bar
            BitConverter.GetBytes((uint)offset).CopyTo(body, 6);
            BitConverter.GetBytes(length).CopyTo(body, 10);
            if (multiplier != 0) BitConverter.GetBytes(multiplier).CopyTo(body, 14);
            _function.AddCapability(0x09, body);
        }

        // ---- Registers ----------------------------------------------------------------------------

        private ulong ReadRegister(bool legacy, ulong offset, int size)
        {
            DrivenThroughLegacy = legacy;
            if (legacy)
            {
                switch (offset)
                {
                    case 0x00: return (uint)OfferedFeatures;
                    case 0x04: return (uint)_driverFeatures;
                    case 0x08: return _desc >> 12;
                    case 0x0C: return (ushort)QueueMax;
                    case 0x0E: return (ushort)_queueSelect;
                    case 0x12: return ReadStatus();
                    case 0x13: return ReadIsr();
                }
                if (offset >= 0x14) return ReadConfig((int)(offset - 0x14), size);
                return 0;
            }
            if (offset >= DeviceOffset && offset < DeviceOffset + ConfigSize) return ReadConfig((int)(offset - DeviceOffset), size);
            if (offset == IsrOffset) return ReadIsr();
            switch (offset)
            {
                case 0x00: return _deviceFeatureSelect;
                case 0x04: return _deviceFeatureSelect == 0 ? (uint)OfferedFeatures : _deviceFeatureSelect == 1 ? (uint)(OfferedFeatures >> 32) : 0;
                case 0x08: return _driverFeatureSelect;
                case 0x0C: return _driverFeatureSelect == 0 ? (uint)_driverFeatures : (uint)(_driverFeatures >> 32);
                case 0x12: return 1; // num_queues
                case 0x14: return ReadStatus();
                case 0x15: return Generation;
                case 0x16: return (ushort)_queueSelect;
                case 0x18: return _queueSelect == 0 ? (ushort)(_queueSize != 0 ? _queueSize : QueueMax) : 0UL;
                case 0x1C: return _queueEnabled ? 1u : 0u;
                case 0x1E: return 0; // queue_notify_off
                case 0x20: return (uint)_desc;
                case 0x24: return (uint)(_desc >> 32);
                case 0x28: return (uint)_avail;
                case 0x2C: return (uint)(_avail >> 32);
                case 0x30: return (uint)_used;
                case 0x34: return (uint)(_used >> 32);
            }
            return 0;
        }

        private void WriteRegister(bool legacy, ulong offset, int size, ulong value)
        {
            DrivenThroughLegacy = legacy;
            if (legacy)
            {
                switch (offset)
                {
                    case 0x04: WriteFeatures(0, (uint)value); return;
                    case 0x08:
                        CheckQueueSetup();
                        if (value == 0) { _queueEnabled = false; return; }
                        _queueSize = QueueMax;
                        _desc = value << 12;
                        _avail = _desc + (ulong)(16 * _queueSize);
                        _used = (_avail + (ulong)(4 + 2 * _queueSize + 2) + 4095) & ~4095UL;
                        _queueEnabled = true;
                        return;
                    case 0x0E: _queueSelect = (int)value; return;
                    case 0x10: Notify((int)value); return;
                    case 0x12: WriteStatus((byte)value); return;
                }
                if (offset >= 0x14) { WriteConfig((int)(offset - 0x14), (byte)value); return; }
                return;
            }
            if (offset >= DeviceOffset && offset < DeviceOffset + ConfigSize) { WriteConfig((int)(offset - DeviceOffset), (byte)value); return; }
            if (offset >= NotifyOffset && offset < NotifyOffset + 0x1000) { Notify((int)value); return; }
            switch (offset)
            {
                case 0x00: _deviceFeatureSelect = (uint)value; return;
                case 0x08: _driverFeatureSelect = (uint)value; return;
                case 0x0C: WriteFeatures(_driverFeatureSelect, (uint)value); return;
                case 0x14: WriteStatus((byte)value); return;
                case 0x16: _queueSelect = (int)value; return;
                case 0x18:
                    CheckQueueSetup();
                    if (_queueSelect == 0)
                    {
                        if (value == 0 || value > (ulong)QueueMax || (value & (value - 1)) != 0)
                            Violations.Add("queue size " + value + " written (max " + QueueMax + ", power of two)");
                        _queueSize = (int)value;
                    }
                    return;
                case 0x1C:
                    CheckQueueSetup();
                    if (value == 1 && _queueSelect == 0) _queueEnabled = true;
                    return;
                case 0x20: _desc = (_desc & ~0xFFFFFFFFUL) | value; return;
                case 0x24: _desc = (_desc & 0xFFFFFFFFUL) | (value << 32); return;
                case 0x28: _avail = (_avail & ~0xFFFFFFFFUL) | value; return;
                case 0x2C: _avail = (_avail & 0xFFFFFFFFUL) | (value << 32); return;
                case 0x30: _used = (_used & ~0xFFFFFFFFUL) | value; return;
                case 0x34: _used = (_used & 0xFFFFFFFFUL) | (value << 32); return;
            }
        }

        private void CheckQueueSetup()
        {
            if ((_status & VirtioDeviceStatus.DriverOk) != 0)
                Violations.Add("queue configuration written after DRIVER_OK");
        }

        private void WriteFeatures(uint select, uint value)
        {
            if ((_status & VirtioDeviceStatus.FeaturesOk) != 0)
                Violations.Add("driver features written after FEATURES_OK");
            if ((_status & VirtioDeviceStatus.Driver) == 0)
                Violations.Add("driver features written before DRIVER");
            if (select == 0) _driverFeatures = (_driverFeatures & ~0xFFFFFFFFUL) | value;
            else if (select == 1) _driverFeatures = (_driverFeatures & 0xFFFFFFFFUL) | ((ulong)value << 32);
        }

        private byte ReadStatus()
        {
            if (_resetReadsLeft > 0)
            {
                _resetReadsLeft--;
                return VirtioDeviceStatus.Acknowledge;
            }
            return _status;
        }

        private void WriteStatus(byte value)
        {
            if (value == 0)
            {
                Reset();
                return;
            }
            if ((_status & ~value & 0x7F) != 0)
                Violations.Add("status bits cleared without a reset: " + VirtioDeviceStatus.Describe(_status) + " -> " + VirtioDeviceStatus.Describe(value));
            if ((value & VirtioDeviceStatus.FeaturesOk) != 0 && (_status & VirtioDeviceStatus.FeaturesOk) == 0)
            {
                if ((_driverFeatures & ~OfferedFeatures) != 0)
                    Violations.Add("driver accepted features not offered: 0x" + (_driverFeatures & ~OfferedFeatures).ToString("x"));
                if ((OfferedFeatures & VirtioFeatures.Version1) != 0 && (_driverFeatures & VirtioFeatures.Version1) == 0)
                    Violations.Add("VERSION_1 offered but not accepted");
                if (RefuseFeatures) value &= unchecked((byte)~VirtioDeviceStatus.FeaturesOk);
            }
            if ((value & VirtioDeviceStatus.DriverOk) != 0 && !DrivenThroughLegacy && (value & VirtioDeviceStatus.FeaturesOk) == 0 && (value & VirtioDeviceStatus.Failed) == 0)
                Violations.Add("DRIVER_OK without FEATURES_OK");
            _status = (byte)(value | (_status & VirtioDeviceStatus.DeviceNeedsReset));
        }

        private void Reset()
        {
            Resets++;
            _status = 0;
            _driverFeatures = 0;
            _queueSize = 0;
            _queueEnabled = false;
            _desc = _avail = _used = 0;
            _lastAvail = _seenAvail = _usedIdx = 0;
            _isr = 0;
            _broken = false;
            _resetReadsLeft = ResetReads;
            _function.DeassertIntx();
        }

        private byte ReadIsr()
        {
            byte isr = _isr;
            _isr = 0;
            _function.DeassertIntx();
            return isr;
        }

        private ulong ReadConfig(int offset, int size)
        {
            if (offset == 0 && GenerationBumps > 0)
            {
                GenerationBumps--;
                Generation++;
            }
            BitConverter.GetBytes(Capacity).CopyTo(_config, 0);
            BitConverter.GetBytes(SizeMax).CopyTo(_config, 8);
            BitConverter.GetBytes(SegMax).CopyTo(_config, 12);
            BitConverter.GetBytes(BlkSize).CopyTo(_config, 20);
            BitConverter.GetBytes(0xFFFFu).CopyTo(_config, 36); // max_discard_sectors
            BitConverter.GetBytes(1u).CopyTo(_config, 40);
            BitConverter.GetBytes(0xFFFFu).CopyTo(_config, 48); // max_write_zeroes_sectors
            BitConverter.GetBytes(1u).CopyTo(_config, 52);
            ulong value = 0;
            for (int i = size - 1; i >= 0; i--)
                value = (value << 8) | (offset + i < ConfigSize ? _config[offset + i] : (byte)0);
            return value;
        }

        private void WriteConfig(int offset, byte value)
        {
            if (offset == 32) _config[32] = value; // writeback
        }

        // ---- The queue ----------------------------------------------------------------------------

        private void Notify(int queue)
        {
            Notifications++;
            if ((_status & VirtioDeviceStatus.DriverOk) == 0)
                Violations.Add("notification before DRIVER_OK (status " + VirtioDeviceStatus.Describe(_status) + ")");
            if (queue != 0 || !_queueEnabled || NeverComplete || _broken) return;
            if (_processingScheduled) return;
            _processingScheduled = true;
            _platform.FakeClock!.Schedule(CompletionDelay, () => { _processingScheduled = false; Process(); });
        }

        private bool EventIdx => (_driverFeatures & VirtioFeatures.RingEventIdx) != 0;

        private void Process()
        {
            if (!_queueEnabled || _broken) return;
            ushort availIdx = _ram.Read16(_avail + 2);
            int step = (ushort)(availIdx - _seenAvail);
            if (step > _queueSize)
                Violations.Add("avail idx moved from " + _seenAvail + " to " + availIdx + " (backwards, or more than the queue size)");
            if (step > LargestPublish) LargestPublish = step;
            _seenAvail = availIdx;
            ushort oldUsed = _usedIdx;
            var done = new List<(uint Id, uint Len)>();
            while (_lastAvail != availIdx)
            {
                ushort head = _ram.Read16(_avail + 4 + (ulong)(2 * (_lastAvail % _queueSize)));
                if (NeedsResetAfter >= 0 && _requestsProcessed == NeedsResetAfter)
                {
                    NeedsResetAfter = NeedsResetAgain ? _requestsProcessed : -1;
                    NeedsResetAgain = false;
                    _broken = true;
                    _status |= VirtioDeviceStatus.DeviceNeedsReset;
                    _isr |= 2;
                    RaiseInterrupt();
                    return;
                }
                _lastAvail++;
                uint len = Execute(head);
                done.Add((head, len));
            }
            if (ReverseCompletions) done.Reverse();
            foreach ((uint id, uint len) in done)
            {
                int number = Completed++;
                uint usedId = id, usedLen = len;
                bool twice = false;
                if (number == CorruptRequest)
                {
                    switch (Corruption)
                    {
                        case UsedCorruption.IdOutOfRange: usedId = (uint)_queueSize + 7; break;
                        case UsedCorruption.IdNotInFlight: usedId = (id + 1) % (uint)_queueSize; break;
                        case UsedCorruption.LengthTooLong: usedLen = len + 4096; break;
                        case UsedCorruption.Twice: twice = true; break;
                    }
                }
                PushUsed(usedId, usedLen);
                if (twice) PushUsed(usedId, usedLen);
            }
            _ram.Write16(_used + 2, _usedIdx);
            if (EventIdx) _ram.Write16(_used + 4 + (ulong)(8 * _queueSize), _lastAvail); // avail_event: notify me at the next request
            bool interrupt = EventIdx
                ? SplitVirtQueue.NeedsEvent(_ram.Read16(_avail + 4 + (ulong)(2 * _queueSize)), _usedIdx, oldUsed)
                : (_ram.Read16(_avail) & 1) == 0;
            if (interrupt && _usedIdx != oldUsed)
            {
                _isr |= 1;
                RaiseInterrupt();
            }
        }

        private void PushUsed(uint id, uint len)
        {
            ulong element = _used + 4 + (ulong)(8 * (_usedIdx % _queueSize));
            _ram.Write32(element, id);
            _ram.Write32(element + 4, len);
            _usedIdx++;
        }

        private void RaiseInterrupt()
        {
            Interrupts++;
            if (SilentInterrupts)
                return;
            if (InterruptDelay > 0)
                _platform.FakeClock!.Schedule(InterruptDelay, () => _function.AssertIntx());
            else
                _function.AssertIntx();
        }

        private readonly struct Buffer
        {
            public Buffer(ulong address, uint length, bool writable)
            {
                Address = address;
                Length = length;
                Writable = writable;
            }

            public ulong Address { get; }
            public uint Length { get; }
            public bool Writable { get; }
        }

        private List<Buffer> WalkChain(ushort head)
        {
            var buffers = new List<Buffer>();
            ulong table = _desc;
            int tableSize = _queueSize;
            int index = head;
            for (int guard = 0; guard < 4096; guard++)
            {
                ulong d = table + (ulong)(16 * index);
                ulong address = _ram.Read64(d);
                uint length = _ram.Read32(d + 8);
                ushort flags = _ram.Read16(d + 12);
                ushort next = _ram.Read16(d + 14);
                if ((flags & 4) != 0)
                {
                    if ((OfferedFeatures & VirtioFeatures.RingIndirectDesc) == 0 || (_driverFeatures & VirtioFeatures.RingIndirectDesc) == 0)
                        Violations.Add("indirect descriptor without INDIRECT_DESC negotiated");
                    table = address;
                    tableSize = (int)(length / 16);
                    index = 0;
                    continue;
                }
                buffers.Add(new Buffer(address, length, (flags & 2) != 0));
                if ((flags & 1) == 0) break;
                if (next >= tableSize) { Violations.Add("descriptor next " + next + " beyond table of " + tableSize); break; }
                index = next;
            }
            return buffers;
        }

        private uint Execute(ushort head)
        {
            _requestsProcessed++;
            List<Buffer> chain = WalkChain(head);
            if (chain.Count < 2 || chain[0].Writable || chain[0].Length < 16 || !chain[chain.Count - 1].Writable || chain[chain.Count - 1].Length < 1)
            {
                Violations.Add("malformed request chain of " + chain.Count + " buffers at head " + head);
                return 0;
            }
            if ((_driverFeatures & VirtioFeatures.BlockSegMax) != 0 && chain.Count - 2 > SegMax)
                Violations.Add("request with " + (chain.Count - 2) + " data segments, SEG_MAX is " + SegMax);
            for (int i = 1; i < chain.Count - 1; i++)
                if ((_driverFeatures & VirtioFeatures.BlockSizeMax) != 0 && chain[i].Length > SizeMax)
                    Violations.Add("segment of " + chain[i].Length + " bytes, SIZE_MAX is " + SizeMax);
            var header = new byte[16];
            _ram.Read(chain[0].Address, header, 0, 16);
            uint type = BitConverter.ToUInt32(header, 0);
            ulong sector = BitConverter.ToUInt64(header, 8);
            Buffer statusBuffer = chain[chain.Count - 1];
            uint written = 0;
            byte status = 0;
            ulong position = sector * 512;
            for (int i = 1; i < chain.Count - 1; i++)
            {
                Buffer b = chain[i];
                if (type == 0)
                {
                    if (!b.Writable) { Violations.Add("read request with a device-readable data buffer"); status = 1; continue; }
                    if (position + b.Length > (ulong)Disk.Length) { status = 1; break; }
                    _ram.Write(b.Address, Disk, (int)position, (int)b.Length);
                    written += b.Length;
                    position += b.Length;
                }
                else if (type == 1)
                {
                    if (b.Writable) { Violations.Add("write request with a device-writable data buffer"); status = 1; continue; }
                    if (position + b.Length > (ulong)Disk.Length) { status = 1; break; }
                    _ram.Read(b.Address, Disk, (int)position, (int)b.Length);
                    position += b.Length;
                }
                else if (type == 8)
                {
                    if (Serial == null) { status = 2; break; }
                    var id = new byte[20];
                    Encoding.ASCII.GetBytes(Serial, 0, Math.Min(20, Serial.Length), id, 0);
                    _ram.Write(b.Address, id, 0, (int)Math.Min(20, b.Length));
                    written += Math.Min(20, b.Length);
                }
                else if (type == 11 || type == 13)
                {
                    var segment = new byte[16];
                    _ram.Read(b.Address, segment, 0, 16);
                    ulong start = BitConverter.ToUInt64(segment, 0);
                    uint count = BitConverter.ToUInt32(segment, 8);
                    if ((start + count) * 512 > (ulong)Disk.Length) { status = 1; break; }
                    Array.Clear(Disk, (int)(start * 512), (int)(count * 512));
                }
            }
            if (type != 0 && type != 1 && type != 4 && type != 8 && type != 11 && type != 13) status = 2;
            if (type == 4 && (_driverFeatures & VirtioFeatures.BlockFlush) == 0) status = 2;
            byte? forced = StatusFor?.Invoke(type, sector);
            if (forced.HasValue) status = forced.Value;
            bool skipStatus = Corruption == UsedCorruption.NoStatus && Completed == CorruptRequest;
            if (!skipStatus) _ram.Write8(statusBuffer.Address, status);
            return written + 1;
        }
    }
}
