using EclipseOS.Hal.Text;
using EclipseOS.Drivers.Ata.Channel;
using EclipseOS.Drivers.Ata.Identify;
using EclipseOS.Drivers.Ata.Registers;
using EclipseOS.Hal;
using EclipseOS.Storage;

namespace EclipseOS.Drivers.Ata.Devices
{
    /// <summary>
    /// An ATAPI CD/DVD drive as a read-only block device of 2048-byte blocks: SCSI READ
    /// CAPACITY and READ(10) sent in PACKET commands, data moved by PIO one DRQ block at a time
    /// (ATA/ATAPI-6 §9.10 "PACKET protocol"). So the boot CD (QEMU <c>-cdrom</c>) is readable.
    /// </summary>
    public sealed class AtapiDevice : AtaChannelDevice
    {
        /// <summary>Byte count limit for each DRQ block: the largest even value below 64 KiB (§8.21, "byte count limit").</summary>
        private const int ByteCountLimit = 0xF800;
        /// <summary>Blocks asked for by one READ(10): 32 CD blocks = 64 KiB.</summary>
        private const int MaxBlocksPerRead = 32;
        /// <summary>Times a command is repeated after UNIT ATTENTION or NOT READY (medium changed / becoming ready).</summary>
        private const int Retries = 4;
        /// <summary>Pause before repeating a command that found the drive NOT READY.</summary>
        private const long NotReadyPauseMicroseconds = 100000;
        private const string PhasePacket = "waiting to send the command packet";
        private const string PhaseData = "waiting for data or completion";

        private readonly IClock _clock;
        private readonly byte[] _packet;
        private readonly byte[] _savedPacket; // the command being run, for repeats after REQUEST SENSE overwrote _packet
        private readonly byte[] _small = new byte[AtapiCommands.SenseLength];
        private int _blockSize;
        private ulong _blockCount;

        private AtapiDevice(IPlatform platform, AtaChannel channel, bool slave, DeviceKind kind, IdentifyData identify)
            : base(channel, slave, kind, identify)
        {
            _clock = platform.Clock;
            _packet = new byte[identify.PacketLength];
            _savedPacket = new byte[identify.PacketLength];
            Name = "atapi " + Position;
        }

        /// <summary>
        /// Opens the drive: checks it is a CD/DVD device and reads its capacity (waiting out a
        /// UNIT ATTENTION). Throws <see cref="BlockDeviceException"/> when it cannot be used (no
        /// medium, another device type).
        /// </summary>
        public static AtapiDevice Open(IPlatform platform, AtaChannel channel, bool slave, DeviceKind kind, IdentifyData identify)
        {
            var device = new AtapiDevice(platform, channel, slave, kind, identify);
            const int CdDvdDeviceType = 5;
            if (identify.PacketDeviceType != CdDvdDeviceType)
                throw new BlockDeviceException(device.Name, "packet device type " + identify.PacketDeviceType + " is not a CD/DVD drive (type 5)");
            device.ReadCapacity();
            return device;
        }

        /// <inheritdoc />
        public override int BlockSize => _blockSize;

        /// <inheritdoc />
        public override ulong BlockCount => _blockCount;

        /// <summary>Always true: CD-ROM media are not written by this driver.</summary>
        public override bool IsReadOnly => true;

        /// <inheritdoc />
        public override void Read(ulong lba, int blockCount, byte[] buffer, int offset)
        {
            BlockRange.Check(this, lba, blockCount, buffer, offset);
            while (blockCount > 0)
            {
                int chunk = blockCount < MaxBlocksPerRead ? blockCount : MaxBlocksPerRead;
                ClearPacket();
                _packet[0] = AtapiCommands.Read10;
                _packet[2] = (byte)(lba >> 24);
                _packet[3] = (byte)(lba >> 16);
                _packet[4] = (byte)(lba >> 8);
                _packet[5] = (byte)lba;
                _packet[7] = (byte)(chunk >> 8);
                _packet[8] = (byte)chunk;
                int bytes = chunk * BlockSize;
                int received = Run("READ(10)", lba, buffer, offset, bytes);
                if (received != bytes)
                    throw new BlockDeviceException(Name, lba, "READ(10) on " + Position + " returned " + received + " bytes instead of " + bytes);
                lba += (ulong)chunk;
                offset += bytes;
                blockCount -= chunk;
            }
        }

        /// <summary>Refuses: the drive is read-only (the check names the device and block).</summary>
        public override void Write(ulong lba, int blockCount, byte[] buffer, int offset)
        {
            BlockRange.CheckWrite(this, lba, blockCount, buffer, offset);
        }

        /// <summary>Nothing to do: nothing is ever written to the drive.</summary>
        public override void Flush()
        {
        }

        private void ReadCapacity()
        {
            ClearPacket();
            _packet[0] = AtapiCommands.ReadCapacity;
            int received = Run("READ CAPACITY", BlockDeviceException.NoBlock, _small, 0, 8);
            if (received != 8)
                throw new BlockDeviceException(Name, "READ CAPACITY on " + Position + " returned " + received + " bytes instead of 8");
            uint lastLba = (uint)((_small[0] << 24) | (_small[1] << 16) | (_small[2] << 8) | _small[3]);
            uint blockLength = (uint)((_small[4] << 24) | (_small[5] << 16) | (_small[6] << 8) | _small[7]);
            if (blockLength < 512 || blockLength > 65536 || (blockLength & (blockLength - 1)) != 0)
                throw new BlockDeviceException(Name, "READ CAPACITY on " + Position + " reports a block length of " + blockLength + " bytes");
            _blockSize = (int)blockLength;
            _blockCount = (ulong)lastLba + 1;
        }

        /// <summary>
        /// Sends the packet in <see cref="_packet"/>, repeating it after UNIT ATTENTION or NOT
        /// READY; on any other CHECK CONDITION asks REQUEST SENSE for the reason.
        /// </summary>
        private int Run(string what, ulong lba, byte[] data, int offset, int length)
        {
            System.Array.Copy(_packet, _savedPacket, _packet.Length);
            for (int attempt = 0; ; attempt++)
            {
                try
                {
                    System.Array.Copy(_savedPacket, _packet, _packet.Length);
                    return SendPacket(data, offset, length);
                }
                catch (AtaCommandException e)
                {
                    string failure = what + " on " + Position + ": " + e.Message;
                    if (e.Kind != AtaFailureKind.DeviceError)
                        throw Error(lba, failure + Recover(e));
                    int senseKey = e.ErrorRegister >> 4;
                    bool transient = senseKey == AtapiCommands.SenseUnitAttention || senseKey == AtapiCommands.SenseNotReady;
                    string sense = RequestSense();
                    if (!transient || attempt >= Retries)
                        throw Error(lba, what + " on " + Position + ": CHECK CONDITION, " + sense);
                    if (senseKey == AtapiCommands.SenseNotReady)
                        _clock.Delay(NotReadyPauseMicroseconds);
                }
            }
        }

        /// <summary>REQUEST SENSE, decoded as "ILLEGAL REQUEST, ASC 0x21 ASCQ 0x00".</summary>
        private string RequestSense()
        {
            ClearPacket();
            _packet[0] = AtapiCommands.RequestSense;
            _packet[4] = AtapiCommands.SenseLength;
            try
            {
                int received = SendPacket(_small, 0, AtapiCommands.SenseLength);
                if (received <= AtapiCommands.SenseAscqOffset)
                    return "sense data too short (" + received + " bytes)";
                int key = _small[AtapiCommands.SenseKeyOffset] & 0x0F;
                return AtapiCommands.SenseKeyName(key) + ", ASC 0x" + Hex.Upper(_small[AtapiCommands.SenseAscOffset], 2) +
                       " ASCQ 0x" + Hex.Upper(_small[AtapiCommands.SenseAscqOffset], 2);
            }
            catch (AtaCommandException e)
            {
                return "REQUEST SENSE failed too: " + e.Message;
            }
        }

        /// <summary>
        /// One PACKET command, PIO data-in: write the task file with the byte count limit, send
        /// the packet when the device asks for it (DRQ with CoD=1), then take each DRQ block of
        /// the size the device announces in LBA Mid/High until it completes.
        /// </summary>
        private int SendPacket(byte[] data, int offset, int length)
        {
            long timeout = Channel.Options.CommandTimeoutMicroseconds;
            Channel.SelectDevice(IsSlave, 0);
            Channel.WaitReadyForCommand(AtaCommands.Packet);
            Channel.WriteRegister(AtaRegisters.Features, 0);
            Channel.WriteRegister(AtaRegisters.SectorCount, 0);
            Channel.WriteRegister(AtaRegisters.LbaMid, (byte)(ByteCountLimit & 0xFF));
            Channel.WriteRegister(AtaRegisters.LbaHigh, (byte)(ByteCountLimit >> 8));
            Channel.WriteRegister(AtaRegisters.Command, AtaCommands.Packet);

            byte status = Channel.AwaitStatus(false, true, timeout, PhasePacket);
            Channel.ThrowIfError(status, PhasePacket);
            byte reason = Channel.ReadRegister(AtaRegisters.SectorCount);
            if ((reason & (AtapiCommands.ReasonCommand | AtapiCommands.ReasonToHost)) != AtapiCommands.ReasonCommand)
                throw new AtaCommandException(AtaFailureKind.Protocol, "device asked for data instead of the command packet (interrupt reason 0x" + Hex.Upper(reason, 2) + ")", status, 0);
            Channel.WriteData(_packet, 0, _packet.Length / 2);

            int received = 0;
            while (true)
            {
                status = Channel.AwaitStatus(true, false, timeout, PhaseData);
                Channel.ThrowIfError(status, PhaseData);
                if ((status & AtaRegisters.StatusDataRequest) == 0)
                    return received;
                int bytes = Channel.ReadRegister(AtaRegisters.LbaMid) | (Channel.ReadRegister(AtaRegisters.LbaHigh) << 8);
                if (bytes == 0 || (bytes & 1) != 0 || bytes > length - received)
                    throw new AtaCommandException(AtaFailureKind.Protocol,
                        "device offered a data block of " + bytes + " bytes with " + (length - received) + " of " + length + " still expected", status, 0);
                Channel.ReadData(data, offset + received, bytes / 2);
                received += bytes;
            }
        }

        private void ClearPacket()
        {
            for (int i = 0; i < _packet.Length; i++)
                _packet[i] = 0;
        }

        private BlockDeviceException Error(ulong lba, string cause) =>
            lba == BlockDeviceException.NoBlock ? new BlockDeviceException(Name, cause) : new BlockDeviceException(Name, lba, cause);
    }
}
