using EclipseOS.Hal.Text;
using System.Collections.Generic;
using EclipseOS.Drivers.Ata.Channel;
using EclipseOS.Drivers.Ata.Devices;
using EclipseOS.Drivers.Ata.Dma;
using EclipseOS.Drivers.Ata.Identify;
using EclipseOS.Drivers.Ata.Registers;
using EclipseOS.Hal;
using EclipseOS.Hal.Pci;
using EclipseOS.Storage;

namespace EclipseOS.Drivers.Ata
{
    /// <summary>
    /// Finds the ATA and ATAPI devices on the two legacy IDE channels: recognises a floating
    /// bus, resets each channel, reads each position's signature, identifies the device, and
    /// attaches the bus-master DMA engine of the PCI IDE function (class 01:01) when there is
    /// one. Then it proves the channel's IRQ works before using interrupt mode.
    /// </summary>
    public sealed class AtaController
    {
        private readonly IPlatform _platform;
        private readonly AtaOptions _options;
        private readonly List<AtaChannel> _channels = new List<AtaChannel>();
        private readonly List<IBlockDevice> _devices = new List<IBlockDevice>();
        private readonly List<string> _failures = new List<string>();
        private readonly byte[] _identifyBuffer = new byte[IdentifyData.Size];

        private AtaController(IPlatform platform, AtaOptions options)
        {
            _platform = platform;
            _options = options;
        }

        /// <summary>Both channels (primary, secondary), including those with nothing on them.</summary>
        public IReadOnlyList<AtaChannel> Channels => _channels;

        /// <summary>Every usable device, disks (<see cref="AtaDevice"/>) and CD/DVD drives (<see cref="AtapiDevice"/>), in position order.</summary>
        public IReadOnlyList<IBlockDevice> Devices => _devices;

        /// <summary>One line per position where a device answered but could not be used.</summary>
        public IReadOnlyList<string> Failures => _failures;

        /// <summary>The PCI IDE function whose bus-master engine is used, or null.</summary>
        public PciFunction? IdeFunction { get; private set; }

        /// <summary>
        /// Probes both legacy channels of <paramref name="platform"/>. Never throws for a missing
        /// or broken device: those end up in <see cref="Failures"/> (and the log).
        /// </summary>
        public static AtaController Probe(IPlatform platform, AtaOptions options)
        {
            var controller = new AtaController(platform, options);
            controller.ProbeAll();
            return controller;
        }

        /// <summary>The device at position <paramref name="index"/> (0 primary master … 3 secondary slave), or null.</summary>
        public IBlockDevice? DeviceAt(int index)
        {
            for (int i = 0; i < _devices.Count; i++)
            {
                IBlockDevice device = _devices[i];
                if (device is AtaChannelDevice placed && placed.PositionIndex == index) return device;
            }
            return null;
        }

        private void ProbeAll()
        {
            _channels.Add(new AtaChannel(_platform, 0, AtaRegisters.PrimaryCommandBase, AtaRegisters.PrimaryControlPort, AtaRegisters.PrimaryIrq, _options));
            _channels.Add(new AtaChannel(_platform, 1, AtaRegisters.SecondaryCommandBase, AtaRegisters.SecondaryControlPort, AtaRegisters.SecondaryIrq, _options));
            ushort busMasterBase = _options.UseDma ? FindBusMaster() : (ushort)0;
            for (int i = 0; i < _channels.Count; i++)
                ProbeChannel(_channels[i], busMasterBase);
        }

        /// <summary>
        /// The I/O base of the bus-master registers (BAR4) of the first PCI IDE function that
        /// runs both channels in compatibility mode, with I/O decoding and bus mastering
        /// switched on; 0 when there is none.
        /// </summary>
        private ushort FindBusMaster()
        {
            List<PciFunction> functions = PciEnumerator.Enumerate(_platform.Pci);
            for (int i = 0; i < functions.Count; i++)
            {
                PciFunction function = functions[i];
                if (function.ClassCode != BusMasterRegisters.PciClassMassStorage || function.Subclass != BusMasterRegisters.PciSubclassIde)
                    continue;
                byte progIf = function.ProgIf;
                if ((progIf & BusMasterRegisters.ProgIfBusMaster) == 0)
                    continue;
                // Native-mode channels are not at 0x1F0/0x170, so this engine would not belong to our channels.
                if ((progIf & (BusMasterRegisters.ProgIfPrimaryNative | BusMasterRegisters.ProgIfSecondaryNative)) != 0)
                    continue;
                PciBar bar = function.ReadBar(BusMasterRegisters.BarIndex);
                if (!bar.IsIo || bar.Address == 0 || bar.Address > 0xFFF0)
                {
                    _platform.Log.WriteLine("[ATA] IDE controller " + function + ": bus-master BAR4 is not an assigned I/O window (" + bar + "); using PIO");
                    continue;
                }
                function.Enable((ushort)(PciRegisters.CommandIoSpace | PciRegisters.CommandBusMaster));
                IdeFunction = function;
                return (ushort)bar.Address;
            }
            return 0;
        }

        private void ProbeChannel(AtaChannel channel, ushort busMasterBase)
        {
            if (channel.IsFloating())
                return;
            try
            {
                channel.SoftwareReset();
            }
            catch (AtaCommandException e)
            {
                Fail(channel, false, "channel reset failed: " + e.Message);
                return;
            }

            var found = new List<IBlockDevice>();
            for (int slave = 0; slave < 2; slave++)
            {
                IBlockDevice? device = ProbePosition(channel, slave == 1);
                if (device != null) found.Add(device);
            }
            if (found.Count == 0)
                return;

            if (busMasterBase != 0 && HasDmaDisk(found))
            {
                BusMasterDma? engine = BusMasterDma.Create(_platform, (ushort)(busMasterBase + channel.Index * BusMasterRegisters.SecondaryChannelOffset), out string problem);
                if (engine == null)
                    _platform.Log.WriteLine("[ATA] " + channel.Name + " channel: no DMA (" + problem + "); using PIO");
                channel.BusMaster = engine;
            }
            if (_options.UseInterrupts)
                EnableInterrupts(channel, found[0]);
            for (int i = 0; i < found.Count; i++)
                _devices.Add(found[i]);
        }

        private static bool HasDmaDisk(List<IBlockDevice> devices)
        {
            for (int i = 0; i < devices.Count; i++)
                if (devices[i] is AtaDevice disk && disk.Identify.SupportsDma)
                    return true;
            return false;
        }

        /// <summary>
        /// Clears nIEN and runs CHECK POWER MODE (a non-data command that every device supports
        /// and that ends with an interrupt). If the IRQ does not arrive, the channel polls.
        /// </summary>
        private void EnableInterrupts(AtaChannel channel, IBlockDevice device)
        {
            bool slave = ((AtaChannelDevice)device).IsSlave;
            channel.EnableInterrupts();
            try
            {
                channel.IssueCommand(slave, AtaCommands.CheckPowerMode);
                channel.AwaitStatus(true, false, _options.CommandTimeoutMicroseconds, "waiting for the interrupt of CHECK POWER MODE");
            }
            catch (AtaCommandException e)
            {
                channel.DisableInterrupts();
                channel.TryRecover();
                _platform.Log.WriteLine("[ATA] " + channel.Name + " channel: interrupts do not work (" + e.Message + "); polling instead");
            }
        }

        /// <summary>Signature, IDENTIFY (DEVICE or PACKET DEVICE), and the device object; null when nothing is there or it fails (logged).</summary>
        private IBlockDevice? ProbePosition(AtaChannel channel, bool slave)
        {
            channel.SelectDevice(slave, 0);
            if (channel.ReadStatus() == AtaRegisters.FloatingBus)
                return null;
            try
            {
                byte status = channel.AwaitStatus(false, false, _options.ResetTimeoutMicroseconds, "after reset");
                DeviceKind kind = DeviceSignature.Classify(channel.ReadRegister(AtaRegisters.LbaMid), channel.ReadRegister(AtaRegisters.LbaHigh));
                if (kind == DeviceKind.None)
                    return null;
                // After reset an ATA disk sets DRDY; a packet device leaves status 0 (ATA/ATAPI-6 §9.12).
                // Status 0 with the ATA signature is what QEMU (and many controllers) show for an empty position.
                if (status == 0 && !DeviceSignature.IsPacket(kind))
                    return null;
                if (kind == DeviceKind.Unknown)
                {
                    Fail(channel, slave, "unknown device signature " + Hex.Upper(channel.ReadRegister(AtaRegisters.LbaMid), 2) + "/" + Hex.Upper(channel.ReadRegister(AtaRegisters.LbaHigh), 2));
                    return null;
                }
                bool packet = DeviceSignature.IsPacket(kind);
                IdentifyData identify = RunIdentify(channel, slave, packet ? AtaCommands.IdentifyPacketDevice : AtaCommands.IdentifyDevice);
                if (packet)
                    return AtapiDevice.Open(_platform, channel, slave, kind, identify);
                if (!identify.SupportsLba)
                {
                    Fail(channel, slave, "the device does not support LBA addressing (CHS only)");
                    return null;
                }
                if (identify.LogicalSectorSize != AtaRegisters.SectorSize)
                {
                    Fail(channel, slave, "logical sector size " + identify.LogicalSectorSize + " bytes is not supported (512 only)");
                    return null;
                }
                if (identify.SectorCount == 0)
                {
                    Fail(channel, slave, "IDENTIFY reports 0 sectors");
                    return null;
                }
                return new AtaDevice(_platform, channel, slave, kind, identify);
            }
            catch (AtaCommandException e)
            {
                Fail(channel, slave, e.Message);
                channel.TryRecover();
                return null;
            }
            catch (BlockDeviceException e)
            {
                Fail(channel, slave, e.Cause);
                return null;
            }
        }

        private IdentifyData RunIdentify(AtaChannel channel, bool slave, byte command)
        {
            string phase = "waiting for " + AtaCommands.Name(command) + " data";
            channel.IssueCommand(slave, command);
            byte status = channel.AwaitStatus(true, true, _options.CommandTimeoutMicroseconds, phase);
            channel.ThrowIfError(status, phase);
            channel.ReadData(_identifyBuffer, 0, IdentifyData.Size / 2);
            IdentifyData? identify = IdentifyData.Parse(_identifyBuffer, 0, out string problem);
            if (identify == null)
                throw new AtaCommandException(AtaFailureKind.Protocol, problem, status, 0);
            return identify;
        }

        private void Fail(AtaChannel channel, bool slave, string reason)
        {
            string line = "[ATA] Failed to initialize " + channel.PositionName(slave) + " drive: " + reason;
            _failures.Add(line);
            _platform.Log.WriteLine(line);
        }
    }
}
