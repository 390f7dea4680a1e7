using System;
using System.Globalization;
using System.Threading;
using EclipseOS.Cli.Guest;
using EclipseOS.Cli.Run;
using EclipseOS.Platform.Qtest.Qmp;
using EclipseOS.Tests.Kernel;
using Xunit;

namespace EclipseOS.Tests.Guest
{
    /// <summary>
    /// The booted kernel against an 8259 line left in service, the state a CI guest hung in
    /// (docs/kernel.md, "A line left in service"): QEMU's own PIC is made to acknowledge a COM1
    /// interrupt the kernel never sees, through the controller's poll command, and the kernel must
    /// find the stranded line, end it and say so.
    /// </summary>
    public sealed class GuestInterruptTests : IClassFixture<KernelImages>
    {
        private const int MasterCommand = 0x20;
        // OCW3 with the poll bit: the next read of the PIC acknowledges its highest request as an
        // INTA cycle would, and answers 0x80 | line (Intel 8259A datasheet, "Poll command").
        private const int PollCommand = 0x0C;
        private const int PolledSomething = 0x80;
        private const int SpecificEndOfInterrupt = 0x60;
        private const int Com1Line = 4;
        private const int Attempts = 5;

        private readonly KernelImages _images;

        public GuestInterruptTests(KernelImages images)
        {
            _images = images;
        }

        [SkippableFact]
        public void AComLineLeftInServiceIsEndedByTheKernel_AndTheShellGoesOn()
        {
            using GuestBoot boot = GuestBoot.Start(DiskBus.Virtio, new[] { _images.Gpt }, o => GuestVirtioBootTests.With(o));
            boot.Run("ls /");
            QmpClient qmp = boot.Vm.Qmp;

            StrandTheComLine(boot.Vm, qmp);

            // Without the kernel's check IRQ 4 and every line below it stay silent for good; the
            // kernel's idle loop must find the line, end it, and report it.
            boot.Vm.WaitForText("[IRQ] IRQ " + Com1Line + " stayed in service with no handler running", TimeSpan.FromSeconds(60));
            string[] listing = boot.Run("ls /");
            Assert.Contains("motd", listing);
            string pic = GuestMachineState.Monitor(qmp, "info pic");
            Assert.Contains("pic0: irr=", pic);
            Assert.Matches("pic0: [^\\n]*isr=00", pic);
        }

        /// <summary>
        /// Stops the machine, types Enter (COM1 raises IRQ 4 while the CPU is stopped), has the PIC
        /// acknowledge that request by a poll and lets the machine go on: IRQ 4 is then in service
        /// with no handler in the kernel ever run for it. A request of another line acknowledged
        /// instead (the timer's, caught pending) is ended again from here and the attempt repeated.
        /// </summary>
        private static void StrandTheComLine(GuestVm vm, QmpClient qmp)
        {
            string last = "";
            for (int attempt = 0; attempt < Attempts; attempt++)
            {
                GuestMachineState.Monitor(qmp, "stop");
                vm.Type("\r");
                // The UART raises its line once QEMU's main loop has read the byte from the socket.
                for (int wait = 0; wait < 20 && !RequestsLine(GuestMachineState.Monitor(qmp, "info pic"), Com1Line); wait++)
                    Thread.Sleep(50);
                GuestMachineState.WritePort(qmp, MasterCommand, PollCommand);
                int polled = GuestMachineState.ReadPort(qmp, MasterCommand);
                last = "poll answered 0x" + polled.ToString("x2", CultureInfo.InvariantCulture) + "; " + GuestMachineState.Monitor(qmp, "info pic").Trim();
                if (polled == (PolledSomething | Com1Line))
                {
                    GuestMachineState.Monitor(qmp, "cont");
                    return;
                }
                if ((polled & PolledSomething) != 0)
                    GuestMachineState.WritePort(qmp, MasterCommand, SpecificEndOfInterrupt | (polled & 7));
                GuestMachineState.Monitor(qmp, "cont");
                Thread.Sleep(500);
            }
            Assert.Fail("QEMU's PIC did not acknowledge a COM1 request by poll in " + Attempts + " attempts; last: " + last);
        }

        private static bool RequestsLine(string infoPic, int line)
        {
            int at = infoPic.IndexOf("pic0: irr=", StringComparison.Ordinal);
            if (at < 0)
                return false;
            string hex = infoPic.Substring(at + "pic0: irr=".Length, 2);
            return int.TryParse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out int irr) && (irr & (1 << line)) != 0;
        }
    }
}
