using System;
using EclipseOS.Drivers.Nvme.Commands;
using EclipseOS.Drivers.Nvme.Registers;
using EclipseOS.Hal.Dma;

namespace EclipseOS.Drivers.Nvme.Queues
{
    /// <summary>
    /// Physical Region Page entries for one physically contiguous data range (NVMe Base 1.4
    /// §4.3): PRP1 is the first byte (a page offset is allowed only there), PRP2 the second page
    /// when the data spans two, or else the address of a PRP list holding every page after the
    /// first. One list page of 512 entries covers 2 MiB, more than a command moves here.
    /// </summary>
    public sealed class PrpBuilder
    {
        private const int EntriesPerList = ControllerRegisters.PageSize / 8;
        private const ulong PageMask = ControllerRegisters.PageSize - 1;

        private readonly byte[] _list = new byte[ControllerRegisters.PageSize];

        /// <summary>Most bytes one list page describes when the data starts at a page boundary.</summary>
        public const int MaxBytes = (EntriesPerList + 1) * ControllerRegisters.PageSize;

        /// <summary>
        /// Sets PRP1 and PRP2 of <paramref name="command"/> for <paramref name="length"/> bytes at
        /// <paramref name="address"/> (dword-aligned), writing a list into <paramref name="listPage"/> when needed.
        /// </summary>
        public void Fill(NvmeCommand command, ulong address, int length, IDmaBuffer listPage)
        {
            if ((address & 3) != 0)
                throw new ArgumentException("a PRP must be dword-aligned: 0x" + EclipseOS.Hal.Text.Hex.Lower(address), nameof(address));
            ulong nextPage = (address & ~PageMask) + ControllerRegisters.PageSize;
            ulong firstBytes = nextPage - address;
            command.Prp1 = address;
            if ((ulong)length <= firstBytes)
            {
                command.Prp2 = 0;
                return;
            }
            ulong rest = (ulong)length - firstBytes;
            if (rest <= ControllerRegisters.PageSize)
            {
                command.Prp2 = nextPage;
                return;
            }
            int pages = (int)((rest + PageMask) / ControllerRegisters.PageSize);
            if (pages > EntriesPerList)
                throw new ArgumentOutOfRangeException(nameof(length), length + " bytes need more than one PRP list page");
            for (int i = 0; i < pages; i++)
            {
                ulong page = nextPage + (ulong)i * ControllerRegisters.PageSize;
                for (int b = 0; b < 8; b++)
                    _list[i * 8 + b] = (byte)(page >> (8 * b));
            }
            listPage.Write(0, _list, 0, pages * 8);
            command.Prp2 = listPage.PhysicalAddress;
        }
    }
}
