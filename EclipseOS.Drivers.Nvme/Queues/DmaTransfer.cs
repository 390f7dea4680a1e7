using EclipseOS.Drivers.Nvme.Registers;
using EclipseOS.Hal.Dma;

namespace EclipseOS.Drivers.Nvme.Queues
{
    /// <summary>
    /// A caller's byte range made visible to the controller for one command: shared in place
    /// when the device address is dword-aligned, otherwise copied through a page-aligned bounce
    /// buffer, because a PRP entry must be dword-aligned (NVMe Base 1.4 §4.3).
    /// </summary>
    public sealed class DmaTransfer
    {
        private readonly IDma _dma;
        private readonly byte[] _buffer;
        private readonly int _offset;
        private readonly int _length;
        private readonly DmaDirection _direction;
        private readonly IDmaBuffer? _bounce;
        private bool _ended;

        private DmaTransfer(IDma dma, byte[] buffer, int offset, int length, DmaDirection direction, ulong address, IDmaBuffer? bounce)
        {
            _dma = dma;
            _buffer = buffer;
            _offset = offset;
            _length = length;
            _direction = direction;
            Address = address;
            _bounce = bounce;
        }

        /// <summary>The address the controller uses for the first byte.</summary>
        public ulong Address { get; }

        /// <summary>Bytes transferred.</summary>
        public int Length => _length;

        /// <summary>Shares <paramref name="length"/> bytes (more than 0) of <paramref name="buffer"/> at <paramref name="offset"/>.</summary>
        public static DmaTransfer Begin(IDma dma, byte[] buffer, int offset, int length, bool toDevice)
        {
            DmaDirection direction = toDevice ? DmaDirection.DriverToDevice : DmaDirection.DeviceToDriver;
            ulong address = dma.Share(buffer, offset, length, direction);
            if ((address & 3) == 0)
                return new DmaTransfer(dma, buffer, offset, length, direction, address, null);
            dma.Unshare(address, buffer, offset, length, direction);
            IDmaBuffer bounce = dma.Allocate(length, ControllerRegisters.PageSize);
            if (toDevice)
                bounce.Write(0, buffer, offset, length);
            return new DmaTransfer(dma, buffer, offset, length, direction, bounce.PhysicalAddress, bounce);
        }

        /// <summary>Ends the transfer once the controller is done with it: a read's bytes are in the caller's buffer afterwards. A second call does nothing.</summary>
        public void End()
        {
            if (_ended)
                return;
            _ended = true;
            if (_bounce == null)
            {
                _dma.Unshare(Address, _buffer, _offset, _length, _direction);
                return;
            }
            if (_direction == DmaDirection.DeviceToDriver)
                _bounce.Read(0, _buffer, _offset, _length);
            _bounce.Free();
        }
    }
}
