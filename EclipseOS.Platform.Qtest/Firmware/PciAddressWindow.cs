using System;

namespace EclipseOS.Platform.Qtest.Firmware
{
    /// <summary>A bump allocator over one address window (I/O ports or MMIO) for BAR assignment.</summary>
    internal sealed class PciAddressWindow
    {
        private readonly string _name;
        private readonly ulong _limit;
        private ulong _next;

        public PciAddressWindow(string name, ulong start, ulong limit)
        {
            _name = name;
            _next = start;
            _limit = limit;
        }

        /// <summary>Takes <paramref name="size"/> bytes aligned to <paramref name="alignment"/> (a power of two).</summary>
        public ulong Take(ulong size, ulong alignment, string forWhom)
        {
            ulong address = (_next + alignment - 1) & ~(alignment - 1);
            if (address < _next || address + size > _limit || address + size < address)
                throw new InvalidOperationException(
                    "PCI " + _name + " window exhausted: " + forWhom + " needs " + size + " bytes at 0x" + address.ToString("x") +
                    " but the window ends at 0x" + _limit.ToString("x"));
            _next = address + size;
            return address;
        }
    }
}
