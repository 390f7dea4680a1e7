using EclipseOS.Hal.Text;
using EclipseOS.Drivers.Ata.Dma;
using EclipseOS.Drivers.Ata.Registers;
using EclipseOS.Hal;

namespace EclipseOS.Drivers.Ata.Channel
{
    /// <summary>
    /// One ATA channel (a cable with up to two devices): its task-file and control ports, its
    /// IRQ, device selection, the timed waits every command step uses, software reset, and
    /// — when the PCI IDE function has one — its bus-master DMA engine. Devices on the
    /// channel issue their commands through it; nothing here knows about blocks.
    /// </summary>
    public sealed class AtaChannel
    {
        /// <summary>Status polls answered at once before the wait starts sleeping between polls.</summary>
        private const int SpinPolls = 8;
        /// <summary>Longest sleep between two status polls.</summary>
        private const long MaxPollPauseMicroseconds = 1000;
        /// <summary>SRST must stay asserted at least 5 µs (ATA/ATAPI-6 §9.2).</summary>
        private const long ResetPulseMicroseconds = 5;
        /// <summary>The host waits at least 2 ms after clearing SRST before reading status (§9.2).</summary>
        private const long ResetSettleMicroseconds = 2000;
        /// <summary>Alternate-status reads that make the 400 ns delay after a device select (each read takes ≥ 100 ns on ISA timing).</summary>
        private const int Delay400nsReads = 4;

        private readonly IPortIO _ports;
        private readonly IClock _clock;
        private readonly IInterrupts _interrupts;
        private readonly InterruptHandler _handler;
        private readonly AtaOptions _options;
        private int _selectedDrive = -1;
        private byte _control = AtaRegisters.ControlInterruptDisable;

        /// <summary>Creates a channel over its ports; nothing is touched until <see cref="SoftwareReset"/>.</summary>
        public AtaChannel(IPlatform platform, int index, ushort commandBase, ushort controlPort, int interruptLine, AtaOptions options)
        {
            _ports = platform.Ports;
            _clock = platform.Clock;
            _interrupts = platform.Interrupts;
            _options = options;
            _handler = OnInterrupt;
            Index = index;
            CommandBase = commandBase;
            ControlPort = controlPort;
            InterruptLine = interruptLine;
        }

        /// <summary>0 for the primary channel, 1 for the secondary.</summary>
        public int Index { get; }

        /// <summary>"primary" or "secondary".</summary>
        public string Name => Index == 0 ? "primary" : "secondary";

        /// <summary>Base port of the command block (0x1F0 / 0x170).</summary>
        public ushort CommandBase { get; }

        /// <summary>Device control / alternate status port (0x3F6 / 0x376).</summary>
        public ushort ControlPort { get; }

        /// <summary>IRQ line (14 / 15).</summary>
        public int InterruptLine { get; }

        /// <summary>Whether commands wait on the IRQ (nIEN clear) rather than polling.</summary>
        public bool InterruptMode { get; private set; }

        /// <summary>Interrupts received on this channel's line since interrupt mode was enabled.</summary>
        public int InterruptCount { get; private set; }

        /// <summary>The channel's bus-master DMA engine, or null when there is none (or it failed and was dropped).</summary>
        public BusMasterDma? BusMaster { get; internal set; }

        /// <summary>The options the channel runs with.</summary>
        public AtaOptions Options => _options;

        /// <summary>"primary master", "secondary slave" …</summary>
        public string PositionName(bool slave) => Name + (slave ? " slave" : " master");

        // ---- Raw register access ----

        /// <summary>Reads the status register; this acknowledges a pending interrupt.</summary>
        public byte ReadStatus() => _ports.Read8((ushort)(CommandBase + AtaRegisters.Status));

        /// <summary>Reads the alternate status register (no side effects).</summary>
        public byte ReadAlternateStatus() => _ports.Read8(ControlPort);

        /// <summary>Reads a command-block register.</summary>
        public byte ReadRegister(int offset) => _ports.Read8((ushort)(CommandBase + offset));

        /// <summary>Writes a command-block register.</summary>
        public void WriteRegister(int offset, byte value) => _ports.Write8((ushort)(CommandBase + offset), value);

        /// <summary>Reads <paramref name="words"/> data words in one string transfer (<c>rep insw</c>).</summary>
        public void ReadData(byte[] buffer, int offset, int words) =>
            _ports.ReadString16((ushort)(CommandBase + AtaRegisters.Data), buffer, offset, words);

        /// <summary>Writes <paramref name="words"/> data words in one string transfer (<c>rep outsw</c>).</summary>
        public void WriteData(byte[] buffer, int offset, int words) =>
            _ports.WriteString16((ushort)(CommandBase + AtaRegisters.Data), buffer, offset, words);

        /// <summary>
        /// The 400 ns a device needs after selection before its status is valid (ATA/ATAPI-6
        /// §9.7): four reads of the alternate status register, which has no side effects.
        /// </summary>
        public void Delay400ns()
        {
            for (int i = 0; i < Delay400nsReads; i++)
                ReadAlternateStatus();
        }

        /// <summary>
        /// Writes the device register: LBA addressing, device 0 or 1, and LBA28 bits 24–27 in
        /// <paramref name="lbaTopBits"/>. The 400 ns delay is paid only when the selected device changes.
        /// </summary>
        public void SelectDevice(bool slave, int lbaTopBits)
        {
            byte value = (byte)(AtaRegisters.DeviceObsoleteBits | AtaRegisters.DeviceLba | (slave ? AtaRegisters.DeviceSelect1 : 0) | (lbaTopBits & 0x0F));
            WriteRegister(AtaRegisters.Device, value);
            int drive = slave ? 1 : 0;
            if (drive != _selectedDrive)
            {
                Delay400ns();
                _selectedDrive = drive;
            }
        }

        /// <summary>
        /// Selects the device and loads an LBA28 or LBA48 address and sector count, then writes
        /// <paramref name="command"/>. LBA48 writes the high-order bytes first: each register is a
        /// two-deep FIFO (ATA/ATAPI-6 §6.2). A count of 256 (LBA28) or 65536 (LBA48) is written as 0.
        /// </summary>
        public void IssueBlockCommand(bool slave, byte command, ulong lba, int count, bool lba48)
        {
            SelectDevice(slave, lba48 ? 0 : (int)(lba >> 24));
            WaitReadyForCommand(command);
            if (lba48)
            {
                WriteRegister(AtaRegisters.SectorCount, (byte)(count >> 8));
                WriteRegister(AtaRegisters.LbaLow, (byte)(lba >> 24));
                WriteRegister(AtaRegisters.LbaMid, (byte)(lba >> 32));
                WriteRegister(AtaRegisters.LbaHigh, (byte)(lba >> 40));
            }
            WriteRegister(AtaRegisters.SectorCount, (byte)count);
            WriteRegister(AtaRegisters.LbaLow, (byte)lba);
            WriteRegister(AtaRegisters.LbaMid, (byte)(lba >> 8));
            WriteRegister(AtaRegisters.LbaHigh, (byte)(lba >> 16));
            WriteRegister(AtaRegisters.Command, command);
        }

        /// <summary>Selects the device and writes a command that takes no address (IDENTIFY, FLUSH CACHE …).</summary>
        public void IssueCommand(bool slave, byte command)
        {
            SelectDevice(slave, 0);
            WaitReadyForCommand(command);
            WriteRegister(AtaRegisters.Command, command);
        }

        /// <summary>
        /// Waits until the selected device can take a command: BSY and DRQ clear (ATA/ATAPI-6
        /// §9.7 "HI2: Check_Status").
        /// </summary>
        public void WaitReadyForCommand(byte command)
        {
            Deadline deadline = Deadline.After(_clock, _options.CommandTimeoutMicroseconds);
            int polls = 0;
            long pause = 1;
            while (true)
            {
                byte status = ReadStatus();
                // The phase text is built only on failure: this wait precedes every command.
                if (status == AtaRegisters.FloatingBus)
                    throw Vanished("before " + AtaCommands.Name(command));
                if ((status & (AtaRegisters.StatusBusy | AtaRegisters.StatusDataRequest)) == 0)
                    return;
                if (deadline.Expired)
                    throw new AtaCommandException(AtaFailureKind.Timeout,
                        "timed out after " + Duration.Milliseconds(_options.CommandTimeoutMicroseconds) + " waiting for BSY and DRQ to clear before " + AtaCommands.Name(command) + " (status " + AtaStatusText.Status(status) + ")",
                        status, 0);
                Pause(ref polls, ref pause);
            }
        }

        /// <summary>
        /// Waits for the next step of a command: in interrupt mode first for the IRQ when the
        /// protocol raises one at this step (<paramref name="interruptExpected"/>), then for BSY to
        /// clear and, when <paramref name="needData"/>, for DRQ (or ERR/DF) to be set. Reads the
        /// status register, so a pending interrupt is acknowledged. Returns that status; ERR and
        /// DF are left for <see cref="ThrowIfError"/>.
        /// </summary>
        public byte AwaitStatus(bool interruptExpected, bool needData, long timeoutMicroseconds, string phase)
        {
            Deadline deadline = Deadline.After(_clock, timeoutMicroseconds);
            // Polling where the protocol would interrupt: the device has 400 ns after a command or a
            // data block to set BSY (ATA/ATAPI-6 §9.7, §9.8), and a status read before that could still
            // show the previous block's DRQ or an idle device. The interrupt makes this wait needless.
            if (interruptExpected && !InterruptMode)
                Delay400ns();
            if (InterruptMode && interruptExpected && !_interrupts.Wait(InterruptLine, timeoutMicroseconds))
            {
                byte now = ReadAlternateStatus();
                if (now == AtaRegisters.FloatingBus)
                    throw Vanished(phase);
                throw new AtaCommandException(AtaFailureKind.Timeout,
                    "no interrupt on IRQ " + InterruptLine + " within " + Duration.Milliseconds(timeoutMicroseconds) + " " + phase + " (status " + AtaStatusText.Status(now) + "; " + _interrupts.Describe(InterruptLine) + ")",
                    now, 0);
            }
            int polls = 0;
            long pause = 1;
            while (true)
            {
                byte status = ReadStatus();
                if (status == AtaRegisters.FloatingBus)
                    throw Vanished(phase);
                if ((status & AtaRegisters.StatusBusy) == 0)
                {
                    if (!needData || (status & (AtaRegisters.StatusDataRequest | AtaRegisters.StatusError | AtaRegisters.StatusDeviceFault)) != 0)
                        return status;
                }
                if (deadline.Expired)
                {
                    string what = (status & AtaRegisters.StatusBusy) != 0 ? "BSY to clear" : "DRQ";
                    throw new AtaCommandException(AtaFailureKind.Timeout,
                        "timed out after " + Duration.Milliseconds(timeoutMicroseconds) + " waiting for " + what + " " + phase + " (status " + AtaStatusText.Status(status) + ")",
                        status, 0);
                }
                Pause(ref polls, ref pause);
            }
        }

        /// <summary>Throws a <see cref="AtaFailureKind.DeviceError"/> with the decoded error register when <paramref name="status"/> has ERR or DF.</summary>
        public void ThrowIfError(byte status, string phase)
        {
            if ((status & (AtaRegisters.StatusError | AtaRegisters.StatusDeviceFault)) == 0)
                return;
            byte error = ReadRegister(AtaRegisters.Error);
            string what = (status & AtaRegisters.StatusDeviceFault) != 0 ? "a device fault (DF)" : "an error";
            throw new AtaCommandException(AtaFailureKind.DeviceError,
                "device reported " + what + " " + phase + ": status " + AtaStatusText.Status(status) + ", error " + AtaStatusText.Error(error),
                status, error);
        }

        /// <summary>
        /// Whether anything drives the bus: a channel with no devices and no pull-down reads
        /// 0xFF (a "floating bus"), which is recognised here at once instead of timing out.
        /// </summary>
        public bool IsFloating()
        {
            if (ReadAlternateStatus() != AtaRegisters.FloatingBus)
                return false;
            SelectDevice(false, 0);
            if (ReadStatus() != AtaRegisters.FloatingBus)
                return false;
            SelectDevice(true, 0);
            return ReadStatus() == AtaRegisters.FloatingBus;
        }

        /// <summary>
        /// Resets both devices on the channel (SRST, ATA/ATAPI-6 §9.2): pulse SRST, wait 2 ms,
        /// then wait for BSY to clear. Afterwards each device shows its signature and device 0
        /// is selected. Interrupts stay as they were (nIEN is rewritten).
        /// </summary>
        public void SoftwareReset()
        {
            _ports.Write8(ControlPort, (byte)(AtaRegisters.ControlSoftwareReset | AtaRegisters.ControlInterruptDisable));
            _clock.Delay(ResetPulseMicroseconds);
            _ports.Write8(ControlPort, _control);
            _clock.Delay(ResetSettleMicroseconds);
            _selectedDrive = -1;
            Deadline deadline = Deadline.After(_clock, _options.ResetTimeoutMicroseconds);
            int polls = 0;
            long pause = 1;
            while (true)
            {
                byte status = ReadAlternateStatus();
                if (status == AtaRegisters.FloatingBus)
                    throw Vanished("after software reset");
                if ((status & AtaRegisters.StatusBusy) == 0)
                    break;
                if (deadline.Expired)
                    throw new AtaCommandException(AtaFailureKind.Timeout,
                        "BSY still set " + Duration.Milliseconds(_options.ResetTimeoutMicroseconds) + " after software reset (status " + AtaStatusText.Status(status) + ")",
                        status, 0);
                Pause(ref polls, ref pause);
            }
            // Acknowledge anything the reset left pending.
            ReadStatus();
        }

        /// <summary>
        /// Switches the channel to interrupt mode: attaches to the IRQ and clears nIEN. Callers
        /// then prove interrupts arrive (see <see cref="AtaController"/>) and call
        /// <see cref="DisableInterrupts"/> if they do not.
        /// </summary>
        public void EnableInterrupts()
        {
            ReadStatus();
            _interrupts.Attach(InterruptLine, _handler);
            _control = 0;
            _ports.Write8(ControlPort, _control);
            InterruptMode = true;
        }

        /// <summary>Sets nIEN and detaches from the IRQ: commands poll the status register.</summary>
        public void DisableInterrupts()
        {
            _control = AtaRegisters.ControlInterruptDisable;
            _ports.Write8(ControlPort, _control);
            if (InterruptMode)
                _interrupts.Detach(InterruptLine, _handler);
            InterruptMode = false;
            ReadStatus();
        }

        /// <summary>
        /// Best-effort recovery after a timeout or a vanished device, so the other device on the
        /// channel (and later commands) find it idle. Returns why it failed, or "" on success.
        /// </summary>
        public string TryRecover()
        {
            try
            {
                if (BusMaster != null)
                    BusMaster.Stop();
                SoftwareReset();
                return "";
            }
            catch (AtaCommandException e)
            {
                return e.Message;
            }
        }

        /// <summary>Sleeps an increasing pause between polls once the first few have come back not ready.</summary>
        internal void Pause(ref int polls, ref long pause)
        {
            polls++;
            if (polls < SpinPolls) return;
            _clock.Delay(pause);
            if (SignedInt64.Less(pause, MaxPollPauseMicroseconds)) pause *= 2;
        }

        internal IInterrupts Interrupts => _interrupts;

        private AtaCommandException Vanished(string phase) =>
            new AtaCommandException(AtaFailureKind.Vanished, "the bus floats (status 0xFF) " + phase + ": the device is gone", AtaRegisters.FloatingBus, 0);

        private void OnInterrupt(int line)
        {
            InterruptCount++;
        }
    }
}
