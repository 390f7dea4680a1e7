using EclipseOS.Drivers.Ahci.Port;
using EclipseOS.Drivers.Ata.Identify;
using EclipseOS.Drivers.Ata.Registers;
using EclipseOS.Storage;

namespace EclipseOS.Drivers.Ahci.Devices
{
    /// <summary>
    /// A CD/DVD drive behind an AHCI port (q35's CD-ROM) as a read-only block device of
    /// 2048-byte blocks: READ CAPACITY and READ(10) sent as PACKET commands with DMA data (the
    /// command table's ATAPI field holds the SCSI command, §4.2.3). A drive that reports UNIT
    /// ATTENTION or NOT READY is asked again, as on the IDE channel.
    /// </summary>
    public sealed class AhciAtapiDevice : IBlockDevice, ICompletionStatistics
    {
        private const int Attempts = 5;
        private const long NotReadyPauseMicroseconds = 100000;
        /// <summary>PACKET features bit 0: the data moves by DMA.</summary>
        private const ushort PacketDma = 1;

        private readonly AhciPort _port;
        private readonly AhciController _controller;
        private readonly byte[] _packet;
        private int _blockSize;
        private ulong _blockCount;

        private AhciAtapiDevice(AhciController controller, AhciPort port, IdentifyData identify)
        {
            _controller = controller;
            _port = port;
            Identify = identify;
            _packet = new byte[identify.PacketLength];
        }

        /// <summary>Checks the drive is a CD/DVD device and reads its capacity; throws a <see cref="BlockDeviceException"/> when it cannot be used.</summary>
        internal static AhciAtapiDevice Open(AhciController controller, AhciPort port, IdentifyData identify)
        {
            var device = new AhciAtapiDevice(controller, port, identify);
            const int CdDvdDeviceType = 5;
            if (identify.PacketDeviceType != CdDvdDeviceType)
                throw new BlockDeviceException(port.Name, "packet device type " + identify.PacketDeviceType + " is not a CD/DVD drive (type 5)");
            device.ReadCapacity();
            return device;
        }

        /// <summary>The IDENTIFY PACKET DEVICE data.</summary>
        public IdentifyData Identify { get; }

        /// <summary>The port the drive is on.</summary>
        public AhciPort Port => _port;

        /// <inheritdoc />
        public string Name
        {
            get => _port.Name;
            set => _port.Name = value;
        }

        /// <inheritdoc />
        public int BlockSize => _blockSize;

        /// <inheritdoc />
        public ulong BlockCount => _blockCount;

        /// <inheritdoc />
        public bool IsReadOnly => true;

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
            int perCommand = AhciPort.MaxTransferBytes / _blockSize;
            while (blockCount > 0)
            {
                int blocks = blockCount < perCommand ? blockCount : perCommand;
                Clear();
                _packet[0] = AtapiCommands.Read10;
                _packet[2] = (byte)(lba >> 24);
                _packet[3] = (byte)(lba >> 16);
                _packet[4] = (byte)(lba >> 8);
                _packet[5] = (byte)lba;
                _packet[7] = (byte)(blocks >> 8);
                _packet[8] = (byte)blocks;
                Run(buffer, offset, blocks * _blockSize, lba);
                lba += (ulong)blocks;
                offset += blocks * _blockSize;
                blockCount -= blocks;
            }
        }

        /// <inheritdoc />
        public void Write(ulong lba, int blockCount, byte[] buffer, int offset) => BlockRange.CheckWrite(this, lba, blockCount, buffer, offset);

        /// <inheritdoc />
        /// <remarks>Nothing is ever written.</remarks>
        public void Flush()
        {
        }

        private void ReadCapacity()
        {
            var answer = new byte[8];
            Clear();
            _packet[0] = AtapiCommands.ReadCapacity;
            Run(answer, 0, answer.Length, ulong.MaxValue);
            uint lastLba = (uint)((answer[0] << 24) | (answer[1] << 16) | (answer[2] << 8) | answer[3]);
            uint blockLength = (uint)((answer[4] << 24) | (answer[5] << 16) | (answer[6] << 8) | answer[7]);
            if (blockLength == 0 || blockLength > 65536 || (blockLength & (blockLength - 1)) != 0)
                throw new BlockDeviceException(_port.Name, "READ CAPACITY reports a block length of " + blockLength + " bytes");
            _blockSize = (int)blockLength;
            _blockCount = (ulong)lastLba + 1;
        }

        // A drive just given a medium answers the first commands with UNIT ATTENTION (the PACKET
        // fails with ERR): the command is asked again, a few times, before the error stands.
        private void Run(byte[] buffer, int offset, int length, ulong lba)
        {
            for (int attempt = 1; ; attempt++)
            {
                var command = new AhciCommand
                {
                    Code = AtaCommands.Packet,
                    Features = PacketDma,
                    Packet = _packet,
                    Buffer = buffer,
                    Offset = offset,
                    Length = length,
                    ReportedLba = lba,
                };
                try
                {
                    _port.Execute(command);
                    return;
                }
                catch (AhciCommandException e)
                {
                    if (e.TimedOut || attempt >= Attempts)
                        throw;
                    _port.Platform.Clock.Delay(NotReadyPauseMicroseconds);
                }
            }
        }

        private void Clear()
        {
            for (int i = 0; i < _packet.Length; i++)
                _packet[i] = 0;
        }
    }
}
