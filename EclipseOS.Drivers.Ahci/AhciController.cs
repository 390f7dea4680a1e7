using System.Collections.Generic;
using EclipseOS.Drivers.Ahci.Devices;
using EclipseOS.Drivers.Ahci.Port;
using EclipseOS.Drivers.Ahci.Registers;
using EclipseOS.Drivers.Ata.Identify;
using EclipseOS.Drivers.Ata.Registers;
using EclipseOS.Hal;
using EclipseOS.Hal.Pci;
using EclipseOS.Hal.Text;
using EclipseOS.Storage;

namespace EclipseOS.Drivers.Ahci
{
    /// <summary>
    /// One AHCI host bus adapter (PCI class 01:06:01): reset and put in AHCI mode (Serial ATA
    /// AHCI 1.3.1 §10.4.3, §10.1.2), every implemented port with a link started and its device
    /// identified — SATA disks as <see cref="AhciDisk"/>, ATAPI drives as <see cref="AhciAtapiDevice"/>.
    /// A port whose device cannot be used ends up in <see cref="Failures"/>, never an exception.
    /// </summary>
    public sealed class AhciController
    {
        private const long ResetTimeoutMicroseconds = 1000000;  // §10.4.3: GHC.HR clears within 1 s
        private const long LinkWaitMicroseconds = 50000;        // QEMU's links are up at once; real PHYs in ~10 ms

        private readonly IPlatform _platform;
        private readonly AhciOptions _options;
        private readonly ulong _abar;
        private readonly List<AhciPort> _ports = new List<AhciPort>();
        private readonly List<IBlockDevice> _devices = new List<IBlockDevice>();
        private readonly List<string> _failures = new List<string>();
        private InterruptHandler? _handler;

        private AhciController(IPlatform platform, PciFunction function, ulong abar, AhciOptions options)
        {
            _platform = platform;
            Function = function;
            _abar = abar;
            _options = options;
        }

        /// <summary>The HBA's PCI function.</summary>
        public PciFunction Function { get; }

        /// <summary>Ports with a device (link up), in port order.</summary>
        public IReadOnlyList<AhciPort> Ports => _ports;

        /// <summary>Usable devices: disks and CD/DVD drives, in port order.</summary>
        public IReadOnlyList<IBlockDevice> Devices => _devices;

        /// <summary>One line per port whose device could not be used.</summary>
        public IReadOnlyList<string> Failures => _failures;

        /// <summary>Command slots per port the HBA has (CAP.NCS + 1).</summary>
        public int CommandSlots { get; private set; }

        /// <summary>Whether the HBA supports native command queuing (CAP.SNCQ).</summary>
        public bool SupportsNcq { get; private set; }

        /// <summary>The interrupt line, or −1 when completions are polled.</summary>
        public int InterruptLine { get; private set; } = -1;

        /// <summary>Interrupts the HBA raised that were its own.</summary>
        public ulong InterruptCount { get; private set; }

        /// <summary>Every AHCI function on the PCI buses of <paramref name="platform"/>, probed.</summary>
        public static List<AhciController> FindAll(IPlatform platform, AhciOptions options)
        {
            var found = new List<AhciController>();
            List<PciFunction> functions = PciEnumerator.Enumerate(platform.Pci);
            for (int i = 0; i < functions.Count; i++)
            {
                PciFunction function = functions[i];
                if (function.ClassCode != HbaRegisters.PciClassMassStorage || function.Subclass != HbaRegisters.PciSubclassSata || function.ProgIf != HbaRegisters.PciProgIfAhci)
                    continue;
                PciBar bar = function.ReadBar(HbaRegisters.AbarIndex);
                if (!bar.IsMemory || bar.Address == 0)
                {
                    platform.Log.WriteLine("[AHCI] " + function + ": ABAR (BAR5) is not an assigned memory window (" + bar + "); skipped");
                    continue;
                }
                function.Enable((ushort)(PciRegisters.CommandMemorySpace | PciRegisters.CommandBusMaster));
                var controller = new AhciController(platform, function, bar.Address, options);
                controller.Probe();
                found.Add(controller);
            }
            return found;
        }

        private void Probe()
        {
            Reset();
            uint cap = Read(HbaRegisters.Cap);
            CommandSlots = (int)((cap >> HbaRegisters.CapNcsShift) & 0x1F) + 1;
            SupportsNcq = (cap & HbaRegisters.CapSncq) != 0;
            byte line = Function.InterruptLine;
            if (_options.UseInterrupts && Function.InterruptPin != 0 && line != 0xFF && line < 16)
            {
                InterruptLine = line;
                _handler = OnInterrupt;
                _platform.Interrupts.Attach(line, _handler);
            }
            uint implemented = Read(HbaRegisters.PortsImplemented);
            for (int index = 0; index < 32; index++)
            {
                if ((implemented & (1u << index)) == 0)
                    continue;
                var port = new AhciPort(_platform, _abar, index, _options, InterruptLine, CommandSlots);
                if (!WaitForLink(port))
                    continue;
                ProbePort(port);
            }
            if (InterruptLine >= 0)
                Write(HbaRegisters.Ghc, Read(HbaRegisters.Ghc) | HbaRegisters.GhcInterruptEnable);
        }

        // §10.4.3: HBA reset, then AHCI mode on again (the reset clears GHC.AE).
        private void Reset()
        {
            Write(HbaRegisters.Ghc, HbaRegisters.GhcAhciEnable);
            Write(HbaRegisters.Ghc, HbaRegisters.GhcAhciEnable | HbaRegisters.GhcHbaReset);
            Deadline deadline = Deadline.After(_platform.Clock, ResetTimeoutMicroseconds);
            while ((Read(HbaRegisters.Ghc) & HbaRegisters.GhcHbaReset) != 0)
            {
                if (deadline.Expired)
                    throw new BlockDeviceException("ahci " + Function.Address, "the HBA reset did not finish within " + Duration.Milliseconds(ResetTimeoutMicroseconds));
                _platform.Clock.Delay(1000);
            }
            Write(HbaRegisters.Ghc, HbaRegisters.GhcAhciEnable);
        }

        private bool WaitForLink(AhciPort port)
        {
            Deadline deadline = Deadline.After(_platform.Clock, LinkWaitMicroseconds);
            while (!port.LinkUp)
            {
                if (deadline.Expired)
                    return false;
                _platform.Clock.Delay(1000);
            }
            return true;
        }

        private void ProbePort(AhciPort port)
        {
            try
            {
                port.Start();
                _ports.Add(port);
                bool packet = port.Signature == PortRegisters.SignatureAtapi;
                var data = new byte[IdentifyData.Size];
                port.Execute(new AhciCommand
                {
                    Code = packet ? AtaCommands.IdentifyPacketDevice : AtaCommands.IdentifyDevice,
                    Buffer = data,
                    Length = data.Length,
                });
                IdentifyData? identify = IdentifyData.Parse(data, 0, out string problem);
                if (identify == null)
                {
                    Fail(port, problem);
                    return;
                }
                if (packet)
                {
                    _devices.Add(AhciAtapiDevice.Open(this, port, identify));
                    return;
                }
                if (identify.LogicalSectorSize != 512)
                {
                    Fail(port, "logical sector size " + identify.LogicalSectorSize + " bytes is not supported (512 only)");
                    return;
                }
                _devices.Add(new AhciDisk(this, port, identify, _options.UseNcq));
            }
            catch (BlockDeviceException e)
            {
                Fail(port, e.Message);
            }
        }

        private void Fail(AhciPort port, string reason)
        {
            string line = "[AHCI] " + Function.Address + " port " + port.Index + ": " + reason;
            _failures.Add(line);
            _platform.Log.WriteLine(line);
        }

        // INTx is shared: IS = 0 means another device raised the line.
        private void OnInterrupt(int line)
        {
            uint pending = Read(HbaRegisters.InterruptStatus);
            if (pending == 0)
                return;
            InterruptCount++;
            for (int i = 0; i < _ports.Count; i++)
            {
                if ((pending & (1u << _ports[i].Index)) != 0)
                    _ports[i].OnInterrupt();
            }
            Write(HbaRegisters.InterruptStatus, pending);
        }

        private uint Read(uint register) => _platform.Memory.Read32(_abar + register);

        private void Write(uint register, uint value) => _platform.Memory.Write32(_abar + register, value);
    }
}
