using System;
using EclipseOS.Drivers.Ahci.Registers;
using EclipseOS.Drivers.Ata.Channel;
using EclipseOS.Drivers.Ata.Registers;
using EclipseOS.Hal;
using EclipseOS.Hal.Dma;
using EclipseOS.Hal.Text;

namespace EclipseOS.Drivers.Ahci.Port
{
    /// <summary>
    /// One port of an AHCI HBA and the device behind it: the command list, received-FIS area and
    /// command table in DMA memory, the start and stop sequences (Serial ATA AHCI 1.3.1 §10.1.2,
    /// §10.3.1), ordinary commands one at a time in slot 0 and native-command-queuing commands
    /// one per slot, all in flight at once (§9.3.1; completion polled, or awaited on the HBA's
    /// interrupt line), and recovery: after a device error the port is restarted (§6.2.2.1),
    /// after a fatal error or a timeout the link is reset with COMRESET (§10.4.2).
    /// </summary>
    public sealed class AhciPort
    {
        /// <summary>Most bytes one command moves here: 1 MiB (the caller splits larger transfers).</summary>
        public const int MaxTransferBytes = 1 << 20;

        private const int PrdEntries = 8;
        private const int TableBytes = CommandLayout.TablePrdt + PrdEntries * CommandLayout.PrdBytes;
        private const long StopTimeoutMicroseconds = 500000;   // §10.1.2: CR and FR clear within 500 ms
        private const long LinkTimeoutMicroseconds = 1000000;  // DET settles in well under a second on real PHYs
        private const long ComresetHoldMicroseconds = 1000;    // §10.4.2: DET=1 for at least 1 ms
        private const long StatusCheckMicroseconds = 20000;

        private readonly IPlatform _platform;
        private readonly ulong _registers;
        private readonly AhciOptions _options;
        private readonly int _interruptLine;
        private IDmaBuffer? _commandList;
        private IDmaBuffer? _receivedFis;
        private readonly IDmaBuffer?[] _tables;
        private readonly ulong[] _addresses;
        private IDmaBuffer? _bounce;

        /// <summary>
        /// Port <paramref name="index"/> of the HBA whose registers start at <paramref name="abar"/>,
        /// with <paramref name="commandSlots"/> command slots (CAP.NCS + 1).
        /// </summary>
        public AhciPort(IPlatform platform, ulong abar, int index, AhciOptions options, int interruptLine, int commandSlots)
        {
            if (commandSlots < 1 || commandSlots > 32)
                throw new ArgumentOutOfRangeException(nameof(commandSlots), "an AHCI port has 1-32 command slots, not " + commandSlots);
            _tables = new IDmaBuffer?[commandSlots];
            _addresses = new ulong[commandSlots];
            _platform = platform;
            _registers = abar + HbaRegisters.PortBase(index);
            _options = options;
            _interruptLine = interruptLine;
            Index = index;
            Name = "ahci port " + index;
        }

        /// <summary>The platform the port runs on.</summary>
        public IPlatform Platform => _platform;

        /// <summary>The port number (0–31).</summary>
        public int Index { get; }

        /// <summary>The name errors use: the port, then the device's name once registered.</summary>
        public string Name { get; set; }

        /// <summary>Whether a device is attached and its link is up (PxSSTS.DET = 3).</summary>
        public bool LinkUp => (Read(PortRegisters.SataStatus) & 0xF) == PortRegisters.DetPresent;

        /// <summary>The device's signature (PxSIG): <see cref="PortRegisters.SignatureAta"/> or <see cref="PortRegisters.SignatureAtapi"/>.</summary>
        public uint Signature => Read(PortRegisters.Signature);

        /// <summary>Whether completions are awaited on the HBA's interrupt line rather than polled.</summary>
        public bool UsesInterrupts => _options.UseInterrupts && _interruptLine >= 0;

        /// <summary>The HBA's interrupt line (−1: none).</summary>
        public int InterruptLine => _interruptLine;

        /// <summary>The port's command slots: the most queued commands in flight at once.</summary>
        public int CommandSlots => _tables.Length;

        /// <summary>Commands completed on this port.</summary>
        public ulong Commands { get; private set; }

        /// <summary>Times the port was restarted or its link reset after an error.</summary>
        public int Recoveries { get; private set; }

        /// <summary>Allocates the port's memory and starts its command engine (§10.1.2); throws when the device does not become ready.</summary>
        public void Start()
        {
            StopEngine();
            IDma dma = _platform.Dma;
            _commandList = dma.Allocate(CommandLayout.CommandListBytes, CommandLayout.CommandListAlignment);
            _receivedFis = dma.Allocate(CommandLayout.ReceivedFisBytes, CommandLayout.ReceivedFisAlignment);
            for (int slot = 0; slot < _tables.Length; slot++)
                _tables[slot] = dma.Allocate(TableBytes, CommandLayout.TableAlignment);
            Write(PortRegisters.CommandListBase, (uint)_commandList.PhysicalAddress);
            Write(PortRegisters.CommandListBaseUpper, (uint)(_commandList.PhysicalAddress >> 32));
            Write(PortRegisters.FisBase, (uint)_receivedFis.PhysicalAddress);
            Write(PortRegisters.FisBaseUpper, (uint)(_receivedFis.PhysicalAddress >> 32));
            StartEngine();
        }

        /// <summary>
        /// Runs <paramref name="command"/> in slot 0 and waits for it. A device error restarts the
        /// port and throws naming the command, the status and error registers and the LBA; a
        /// timeout or a fatal HBA error resets the link first.
        /// </summary>
        public void Execute(AhciCommand command)
        {
            if (_tables[0] == null || _commandList == null)
                throw new InvalidOperationException(Name + ": the port was not started");
            if (command.Length < 0 || command.Length > MaxTransferBytes)
                throw new ArgumentOutOfRangeException(nameof(command), Name + ": a transfer of " + command.Length + " bytes is more than one command moves (" + MaxTransferBytes + ")");
            ulong address = 0;
            bool shared = false;
            DmaDirection direction = command.Write ? DmaDirection.DriverToDevice : DmaDirection.DeviceToDriver;
            if (command.Length > 0 && command.Buffer != null)
            {
                address = _platform.Dma.Share(command.Buffer, command.Offset, command.Length, direction);
                shared = true;
                // A PRD's data base must be word-aligned (§4.2.3.3): odd addresses go through a bounce buffer.
                if ((address & 1) != 0)
                {
                    _platform.Dma.Unshare(address, command.Buffer, command.Offset, command.Length, direction);
                    shared = false;
                    address = Bounce(command);
                }
            }
            try
            {
                Prepare(0, command, address);
                Write(PortRegisters.InterruptStatus, 0xFFFFFFFF);
                Write(PortRegisters.CommandIssue, 1);
                WaitForCompletion(command, 1, queued: false);
                Commands++;
                // PRDBC (header DW1): the bytes the HBA moved. A command that "completes" short lost data.
                uint moved = _commandList.Read32(4);
                if (moved != (uint)command.Length)
                    throw new AhciCommandException(Name, command.ReportedLba, Describe(command) + " completed after moving " + moved + " of " + command.Length + " bytes (PxTFD " + TaskFile() + ")", timedOut: false);
            }
            catch (Exception)
            {
                // No finally: IL2CPU hangs or loses an exception that passes through one (EOS011).
                EndTransfer(command, address, shared);
                throw;
            }
            EndTransfer(command, address, shared);
        }

        /// <summary>
        /// Runs <paramref name="count"/> native-command-queuing commands (READ/WRITE FPDMA QUEUED)
        /// at once, command i in slot and tag i (§9.3.1: PxSACT, then PxCI), and waits until the
        /// device has cleared every tag in PxSACT. Returns the commands that did not complete, as a
        /// mask of their indexes — 0 when all did. After a device error the port is restarted and
        /// the commands still outstanding are handed back: run one at a time, they say which LBA
        /// fails. A buffer address a PRD cannot take (odd) hands back all of them. A timeout
        /// resets the link and throws.
        /// </summary>
        public uint ExecuteQueued(AhciCommand[] commands, int count)
        {
            if (_tables[0] == null || _commandList == null)
                throw new InvalidOperationException(Name + ": the port was not started");
            if (count < 1 || count > _tables.Length)
                throw new ArgumentOutOfRangeException(nameof(count), Name + ": " + count + " queued commands do not fit " + _tables.Length + " slots");
            uint mask = count == 32 ? 0xFFFFFFFF : (1u << count) - 1;
            int shared = 0;
            try
            {
                for (; shared < count; shared++)
                {
                    AhciCommand command = commands[shared];
                    if (command.Length <= 0 || command.Length > MaxTransferBytes || command.Buffer == null)
                        throw new ArgumentOutOfRangeException(nameof(commands), Name + ": a queued command moves 1-" + MaxTransferBytes + " bytes of a buffer");
                    _addresses[shared] = _platform.Dma.Share(command.Buffer, command.Offset, command.Length, command.Write ? DmaDirection.DriverToDevice : DmaDirection.DeviceToDriver);
                    if ((_addresses[shared] & 1) != 0)
                    {
                        UnshareQueued(commands, shared + 1);
                        return mask;
                    }
                }
                for (int slot = 0; slot < count; slot++)
                {
                    AhciCommand command = commands[slot];
                    command.Count = (ushort)(slot << 3);
                    Prepare(slot, command, _addresses[slot]);
                }
                Write(PortRegisters.InterruptStatus, 0xFFFFFFFF);
                // §5.3.2.2 (NCQ): the tags go to PxSACT before their slots go to PxCI.
                Write(PortRegisters.SataActive, mask);
                Write(PortRegisters.CommandIssue, mask);
                uint left = WaitForCompletion(commands[0], mask, queued: true);
                Commands += (ulong)count;
                UnshareQueued(commands, count);
                return left;
            }
            catch (Exception)
            {
                // No finally: IL2CPU hangs or loses an exception that passes through one (EOS011).
                UnshareQueued(commands, shared);
                throw;
            }
        }

        private void UnshareQueued(AhciCommand[] commands, int shared)
        {
            for (int i = 0; i < shared; i++)
            {
                AhciCommand command = commands[i];
                _platform.Dma.Unshare(_addresses[i], command.Buffer!, command.Offset, command.Length, command.Write ? DmaDirection.DriverToDevice : DmaDirection.DeviceToDriver);
            }
        }

        // The caller's array is given back (or, read through the bounce buffer, filled from it).
        private void EndTransfer(AhciCommand command, ulong address, bool shared)
        {
            DmaDirection direction = command.Write ? DmaDirection.DriverToDevice : DmaDirection.DeviceToDriver;
            if (shared)
                _platform.Dma.Unshare(address, command.Buffer!, command.Offset, command.Length, direction);
            else if (command.Length > 0 && command.Buffer != null && !command.Write)
                _bounce!.Read(0, command.Buffer, command.Offset, command.Length);
        }

        /// <summary>Stops the port's engines and resets the link (COMRESET), then starts again: the way back from a hung device.</summary>
        public void ResetLink()
        {
            Recoveries++;
            StopEngine();
            uint control = Read(PortRegisters.SataControl) & ~0xFu;
            Write(PortRegisters.SataControl, control | 1);
            _platform.Clock.Delay(ComresetHoldMicroseconds);
            Write(PortRegisters.SataControl, control);
            Deadline deadline = Deadline.After(_platform.Clock, LinkTimeoutMicroseconds);
            while (!LinkUp)
            {
                if (deadline.Expired)
                    throw new AhciCommandException(Name, ulong.MaxValue, "the link did not come back within " + Duration.Milliseconds(LinkTimeoutMicroseconds) + " of a COMRESET (PxSSTS 0x" + Hex.Lower(Read(PortRegisters.SataStatus)) + ")", timedOut: true);
                _platform.Clock.Delay(1000);
            }
            Write(PortRegisters.SataError, 0xFFFFFFFF);
            StartEngine();
        }

        private ulong Bounce(AhciCommand command)
        {
            if (_bounce == null)
                _bounce = _platform.Dma.Allocate(MaxTransferBytes, 4096);
            if (command.Write)
                _bounce.Write(0, command.Buffer!, command.Offset, command.Length);
            return _bounce.PhysicalAddress;
        }

        // Writes the command FIS, the ATAPI command and the PRDT into the slot's table, and the slot's header.
        private void Prepare(int slot, AhciCommand command, ulong data)
        {
            IDmaBuffer table = _tables[slot]!;
            IDmaBuffer list = _commandList!;
            for (int i = 0; i < CommandLayout.TablePrdt; i += 4)
                table.Write32(i, 0);
            table.Write8(CommandLayout.TableCfis + 0, CommandLayout.FisRegisterHostToDevice);
            table.Write8(CommandLayout.TableCfis + 1, CommandLayout.FisCommandBit);
            table.Write8(CommandLayout.TableCfis + 2, command.Code);
            table.Write8(CommandLayout.TableCfis + 3, (byte)command.Features);
            table.Write8(CommandLayout.TableCfis + 4, (byte)command.Lba);
            table.Write8(CommandLayout.TableCfis + 5, (byte)(command.Lba >> 8));
            table.Write8(CommandLayout.TableCfis + 6, (byte)(command.Lba >> 16));
            table.Write8(CommandLayout.TableCfis + 7, command.Device);
            table.Write8(CommandLayout.TableCfis + 8, (byte)(command.Lba >> 24));
            table.Write8(CommandLayout.TableCfis + 9, (byte)(command.Lba >> 32));
            table.Write8(CommandLayout.TableCfis + 10, (byte)(command.Lba >> 40));
            table.Write8(CommandLayout.TableCfis + 11, (byte)(command.Features >> 8));
            table.Write8(CommandLayout.TableCfis + 12, (byte)command.Count);
            table.Write8(CommandLayout.TableCfis + 13, (byte)(command.Count >> 8));
            if (command.Packet != null)
                table.Write(CommandLayout.TableAcmd, command.Packet, 0, command.Packet.Length);

            int prds = 0;
            for (int done = 0; done < command.Length; prds++)
            {
                int piece = command.Length - done < CommandLayout.MaxPrdBytes ? command.Length - done : CommandLayout.MaxPrdBytes;
                int entry = CommandLayout.TablePrdt + prds * CommandLayout.PrdBytes;
                ulong at = data + (ulong)done;
                table.Write32(entry + 0, (uint)at);
                table.Write32(entry + 4, (uint)(at >> 32));
                table.Write32(entry + 8, 0);
                table.Write32(entry + 12, (uint)(piece - 1));
                done += piece;
            }

            uint flags = CommandLayout.HeaderFisLengthDwords | ((uint)prds << CommandLayout.HeaderPrdtlShift);
            if (command.Write)
                flags |= CommandLayout.HeaderWrite;
            if (command.Packet != null)
                flags |= CommandLayout.HeaderAtapi;
            int header = slot * CommandLayout.HeaderBytes;
            list.Write32(header + 0, flags);
            list.Write32(header + 4, 0);
            list.Write32(header + 8, (uint)table.PhysicalAddress);
            list.Write32(header + 12, (uint)(table.PhysicalAddress >> 32));
            _platform.MemoryBarrier();
        }

        // Waits until the HBA has cleared the slots in `mask` from PxCI (or, queued, the tags from
        // PxSACT: a queued command leaves PxCI once the device has taken it and PxSACT once it is
        // done). Returns 0, or, after a device error on queued commands, those still outstanding.
        private uint WaitForCompletion(AhciCommand command, uint mask, bool queued)
        {
            uint busy = queued ? PortRegisters.SataActive : PortRegisters.CommandIssue;
            Deadline deadline = Deadline.After(_platform.Clock, _options.CommandTimeoutMicroseconds);
            while (true)
            {
                // PxCI (or PxSACT) first, PxIS second: the HBA sets PxIS.TFES with the device's
                // register FIS before it clears the slot, so a command seen done here shows its
                // error below. The other order missed it when the command failed between the two
                // reads — in the booted kernel a failed read then "succeeded" with stale data.
                bool done = (Read(busy) & mask) == 0;
                uint status = Read(PortRegisters.InterruptStatus);
                if ((status & (PortRegisters.IsTaskFileError | PortRegisters.IsFatalErrors)) != 0)
                {
                    if (!queued)
                        throw DeviceError(command, status);
                    uint left = Read(PortRegisters.SataActive) & mask;
                    _platform.Log.WriteLine("[AHCI] " + Name + ": a queued command failed (PxTFD " + TaskFile() + "); " + BitCount(left) + " of " + BitCount(mask) + " run again one at a time");
                    Recover(status);
                    return left == 0 ? mask : left;
                }
                // Acknowledge what came (a PIO setup FIS of an ATAPI command's packet phase, a
                // register FIS): left set, it would raise the line again the moment PxIE is re-armed.
                if (status != 0)
                    Write(PortRegisters.InterruptStatus, status);
                if (done)
                    return 0;
                if (deadline.Expired)
                {
                    string text = Name + ": " + Describe(command) + (queued ? " and the commands queued with it" : "") + " did not complete within " + Duration.Milliseconds(_options.CommandTimeoutMicroseconds)
                        + " (PxTFD " + TaskFile() + ", PxIS 0x" + Hex.Lower(status) + ")";
                    TryResetLink();
                    throw new AhciCommandException(Name, command.ReportedLba, text + "; link reset", timedOut: true);
                }
                if (UsesInterrupts)
                {
                    // Re-arm (the handler masked the port); a completion already pending interrupts at once.
                    Write(PortRegisters.InterruptEnable, PortRegisters.IsWanted);
                    _platform.Interrupts.Wait(_interruptLine, SignedInt64.Min(deadline.Remaining, StatusCheckMicroseconds));
                }
            }
        }

        private static int BitCount(uint bits)
        {
            int count = 0;
            for (; bits != 0; bits &= bits - 1)
                count++;
            return count;
        }

        /// <summary>
        /// The HBA interrupted for this port: masks the port's interrupts (PxIE = 0) so the HBA's
        /// IS bit can be cleared and the shared line drops, and leaves PxIS for the waiting command
        /// to read and clear itself. Taking PxIS here instead and handing it over in a field lost
        /// an error status when the handler ran between the waiter's read and its reset of that
        /// field (seen in the guest: a failed ATAPI READ returned zeros as if it had succeeded).
        /// </summary>
        internal void OnInterrupt()
        {
            Write(PortRegisters.InterruptEnable, 0);
        }

        private AhciCommandException DeviceError(AhciCommand command, uint status)
        {
            string text = Describe(command) + " failed: " + TaskFile() + ((status & PortRegisters.IsFatalErrors) != 0 ? ", HBA fatal error (PxIS 0x" + Hex.Lower(status) + ", PxSERR 0x" + Hex.Lower(Read(PortRegisters.SataError)) + ")" : "");
            Recover(status);
            return new AhciCommandException(Name, command.ReportedLba, text, timedOut: false);
        }

        // §6.2.2.1: clear ST, wait for CR, clear the errors, set ST again. Fatal errors need the link reset as well.
        private void Recover(uint status)
        {
            if ((status & PortRegisters.IsFatalErrors) != 0)
                TryResetLink();
            else
                Restart();
        }

        private void Restart()
        {
            Recoveries++;
            StopEngine();
            Write(PortRegisters.SataError, 0xFFFFFFFF);
            Write(PortRegisters.InterruptStatus, 0xFFFFFFFF);
            StartEngine();
        }

        private void TryResetLink()
        {
            try
            {
                ResetLink();
            }
            catch (AhciCommandException e)
            {
                _platform.Log.WriteLine("[AHCI] " + Name + ": " + e.Message);
            }
        }

        private string TaskFile()
        {
            uint tfd = Read(PortRegisters.TaskFileData);
            return "status " + AtaStatusText.Status((byte)tfd) + ", error " + AtaStatusText.Error((byte)(tfd >> 8));
        }

        private static string Describe(AhciCommand command) =>
            AtaCommands.Name(command.Code) + (command.Packet != null ? " (ATAPI 0x" + Hex.Lower(command.Packet[0], 2) + ")" : "")
            + (command.Length > 0 && command.Packet == null ? " of " + (command.Length / 512) + (command.Length == 512 ? " sector" : " sectors") : "");

        private void StartEngine()
        {
            Write(PortRegisters.SataError, 0xFFFFFFFF);
            Write(PortRegisters.InterruptStatus, 0xFFFFFFFF);
            Write(PortRegisters.InterruptEnable, UsesInterrupts ? PortRegisters.IsWanted : 0);
            uint cmd = Read(PortRegisters.Command) | PortRegisters.CmdPowerOn | PortRegisters.CmdSpinUp | PortRegisters.CmdFisReceiveEnable;
            Write(PortRegisters.Command, cmd);
            // §10.3.1: ST may be set only once the device is not busy.
            Deadline ready = Deadline.After(_platform.Clock, _options.CommandTimeoutMicroseconds);
            while ((Read(PortRegisters.TaskFileData) & (PortRegisters.TfdBusy | PortRegisters.TfdDataRequest)) != 0)
            {
                if (ready.Expired)
                    throw new AhciCommandException(Name, ulong.MaxValue, "the device stayed busy for " + Duration.Milliseconds(_options.CommandTimeoutMicroseconds) + " (PxTFD " + TaskFile() + ")", timedOut: true);
                _platform.Clock.Delay(100);
            }
            Write(PortRegisters.Command, cmd | PortRegisters.CmdStart);
        }

        private void StopEngine()
        {
            uint cmd = Read(PortRegisters.Command);
            Write(PortRegisters.Command, cmd & ~PortRegisters.CmdStart);
            WaitClear(PortRegisters.CmdListRunning, "command list");
            Write(PortRegisters.Command, Read(PortRegisters.Command) & ~PortRegisters.CmdFisReceiveEnable);
            WaitClear(PortRegisters.CmdFisReceiveRunning, "FIS receive");
        }

        private void WaitClear(uint bit, string what)
        {
            Deadline deadline = Deadline.After(_platform.Clock, StopTimeoutMicroseconds);
            while ((Read(PortRegisters.Command) & bit) != 0)
            {
                if (deadline.Expired)
                    throw new AhciCommandException(Name, ulong.MaxValue, "the " + what + " engine did not stop within " + Duration.Milliseconds(StopTimeoutMicroseconds), timedOut: true);
                _platform.Clock.Delay(100);
            }
        }

        private uint Read(uint register) => _platform.Memory.Read32(_registers + register);

        private void Write(uint register, uint value) => _platform.Memory.Write32(_registers + register, value);
    }
}
