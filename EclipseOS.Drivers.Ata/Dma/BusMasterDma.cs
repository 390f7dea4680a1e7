using EclipseOS.Hal.Text;
using EclipseOS.Drivers.Ata.Registers;
using EclipseOS.Hal;
using EclipseOS.Hal.Dma;

namespace EclipseOS.Drivers.Ata.Dma
{
    /// <summary>
    /// The bus-master DMA engine of one channel of a PCI IDE function (SFF-8038i): a PRD table
    /// in DMA memory describing the data buffer, and the command/status registers in the
    /// BAR4 I/O window. It moves the data; the ATA command that starts the device is the
    /// caller's (<see cref="Devices.AtaDevice"/>).
    /// </summary>
    public sealed class BusMasterDma
    {
        /// <summary>PRD table size: one 4 KiB page, 4 KiB-aligned, so it never crosses a 64 KiB boundary (SFF-8038i §1.2).</summary>
        private const int TableBytes = 4096;
        /// <summary>
        /// Largest transfer: 16 MiB needs at most 257 entries of ≤ 64 KiB whatever the buffer's
        /// alignment, well within the table.
        /// </summary>
        public const int MaxTransferBytes = 16 * 1024 * 1024;
        /// <summary>PRD addresses and the table address are 32 bits: DMA reaches only the first 4 GiB.</summary>
        private const ulong AddressLimit = 0x100000000;

        private readonly IPortIO _ports;
        private readonly IDmaBuffer _table;
        private readonly byte[] _entries = new byte[TableBytes];
        private byte _direction;

        private BusMasterDma(IPortIO ports, ushort basePort, IDmaBuffer table)
        {
            _ports = ports;
            BasePort = basePort;
            _table = table;
        }

        /// <summary>
        /// Sets up the engine at <paramref name="basePort"/> (BAR4 + 0 or + 8): allocates its PRD
        /// table and loads its address. Returns null with <paramref name="problem"/> set when
        /// DMA memory cannot be had below 4 GiB.
        /// </summary>
        public static BusMasterDma? Create(IPlatform platform, ushort basePort, out string problem)
        {
            IDmaBuffer table = platform.Dma.Allocate(TableBytes, TableBytes);
            if (table.PhysicalAddress + TableBytes > AddressLimit)
            {
                problem = "PRD table at 0x" + Hex.Upper(table.PhysicalAddress) + " is above 4 GiB";
                table.Free();
                return null;
            }
            problem = "";
            var engine = new BusMasterDma(platform.Ports, basePort, table);
            engine.Stop();
            platform.Ports.Write32((ushort)(basePort + BusMasterRegisters.PrdTableAddress), (uint)table.PhysicalAddress);
            return engine;
        }

        /// <summary>First port of this channel's bus-master registers.</summary>
        public ushort BasePort { get; }

        /// <summary>
        /// Describes <paramref name="length"/> bytes at device address <paramref name="address"/>
        /// in the PRD table, split so no entry crosses a 64 KiB boundary. Returns false when the
        /// region cannot be described (odd address, above 4 GiB, too long) — the caller uses PIO.
        /// </summary>
        public bool Load(ulong address, int length)
        {
            if ((address & 1) != 0 || (length & 1) != 0 || length <= 0 || length > MaxTransferBytes || address + (ulong)length > AddressLimit)
                return false;
            int count = 0;
            ulong next = address;
            int remaining = length;
            while (remaining > 0)
            {
                int toBoundary = BusMasterRegisters.PrdMaxBytes - (int)(next & (BusMasterRegisters.PrdMaxBytes - 1));
                int bytes = remaining < toBoundary ? remaining : toBoundary;
                int at = count * BusMasterRegisters.PrdEntrySize;
                PutUInt32(at, (uint)next);
                // A byte count of 0 means 64 KiB.
                PutUInt16(at + 4, (ushort)(bytes & 0xFFFF));
                PutUInt16(at + 6, 0);
                count++;
                next += (ulong)bytes;
                remaining -= bytes;
            }
            PutUInt16((count - 1) * BusMasterRegisters.PrdEntrySize + 6, BusMasterRegisters.PrdEndOfTable);
            _table.Write(0, _entries, 0, count * BusMasterRegisters.PrdEntrySize);
            return true;
        }

        /// <summary>Clears the interrupt and error bits (they are write-1-to-clear).</summary>
        public void ClearStatus() =>
            _ports.Write8((ushort)(BasePort + BusMasterRegisters.Status), (byte)(BusMasterRegisters.StatusInterrupt | BusMasterRegisters.StatusError));

        /// <summary>
        /// Starts the engine after the device got its DMA command; <paramref name="toMemory"/>
        /// for a disk read. Direction and start go in one write (the direction must not change
        /// while the engine runs, and here it is set from the stopped state).
        /// </summary>
        public void Start(bool toMemory)
        {
            _direction = toMemory ? BusMasterRegisters.CommandWriteToMemory : (byte)0;
            _ports.Write8((ushort)(BasePort + BusMasterRegisters.Command), (byte)(_direction | BusMasterRegisters.CommandStart));
        }

        /// <summary>Stops the engine (clears Start, keeping the direction).</summary>
        public void Stop() => _ports.Write8((ushort)(BasePort + BusMasterRegisters.Command), _direction);

        /// <summary>Reads the status register (active, error, interrupt).</summary>
        public byte ReadStatus() => _ports.Read8((ushort)(BasePort + BusMasterRegisters.Status));

        private void PutUInt32(int at, uint value)
        {
            _entries[at] = (byte)value;
            _entries[at + 1] = (byte)(value >> 8);
            _entries[at + 2] = (byte)(value >> 16);
            _entries[at + 3] = (byte)(value >> 24);
        }

        private void PutUInt16(int at, ushort value)
        {
            _entries[at] = (byte)value;
            _entries[at + 1] = (byte)(value >> 8);
        }
    }
}
