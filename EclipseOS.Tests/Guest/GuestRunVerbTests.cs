using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using EclipseOS.Cli.Setup;
using EclipseOS.Tests.Kernel;
using Xunit;

namespace EclipseOS.Tests.Guest
{
    /// <summary>
    /// <c>eclipse run --exec</c> as a user runs it, in its own process on the real kernel ISO:
    /// exit 0 only when the root was mounted and every command succeeded; non-zero when a command
    /// fails, when boot mounts no root, and when the guest does not answer in time — then with
    /// the kernel's call chain, never a hang of the tool.
    /// </summary>
    public sealed class GuestRunVerbTests : IClassFixture<KernelImages>
    {
        private readonly KernelImages _images;

        public GuestRunVerbTests(KernelImages images)
        {
            _images = images;
        }

        private static (int Exit, string Output) Run(params string[] arguments)
        {
            var all = new List<string> { Path.Combine(AppContext.BaseDirectory, "eclipse.dll"), "run", "--iso", GuestKernel.Iso,
                "--serial-log", Path.Combine(Path.GetTempPath(), "eclipse-run-" + Guid.NewGuid().ToString("N") + ".log") };
            all.AddRange(arguments);
            var output = new StringBuilder();
            var environment = new Dictionary<string, string> { ["ECLIPSE_ROOT"] = RepositoryRoot.Find() };
            int exit = ChildProcess.Run("dotnet", all, null, TimeSpan.FromMinutes(6), line => output.AppendLine(line), environment);
            return (exit, output.ToString());
        }

        [SkippableFact]
        public void CommandsRunThroughComOneAndAllSucceed()
        {
            (int exit, string output) = Run("--disk", _images.Gpt, "--exec", "cat /etc/motd; ls /home/user/docs; mount");
            Assert.True(exit == 0, output);
            Assert.Contains("eclipse:/$ cat /etc/motd\nWelcome to the kernel test tree.\n", output.Replace("\r", ""));
            Assert.Contains("eclipse:/$ ls /home/user/docs\ndeep.txt\n", output.Replace("\r", ""));
            Assert.Contains("vda2 on / type eclipsefs (rw)", output);
        }

        [SkippableFact]
        public void AFailingCommandMakesTheExitCodeNonZero()
        {
            (int exit, string output) = Run("--disk", _images.Gpt, "--exec", "cat /etc/motd; cat /no/such/file; ls /");
            Assert.True(exit == 1, output);
            Assert.Contains("cat: ", output);
            Assert.Contains("eclipse:/$ ls /", output); // the commands after the failure still ran
        }

        [SkippableFact]
        public void ABootWithoutARootIsAFailure()
        {
            (int exit, string output) = Run("--disk", _images.Damaged, "--exec", "lsblk");
            Assert.True(exit == 1, output);
            Assert.Contains("[KERNEL] no root filesystem could be mounted", output);
            Assert.Contains("run: the kernel started without a root filesystem", output);
        }

        [SkippableFact]
        public void ABootThatDoesNotReachThePromptInTimeFailsAndSaysSo()
        {
            // Two seconds is not enough for the BIOS, GRUB and the kernel under TCG.
            (int exit, string output) = Run("--disk", _images.Gpt, "--boot-timeout", "2", "--exec", "ls /");
            Assert.True(exit == 1, output);
            Assert.Contains("no shell prompt within 2 s of starting the kernel", output);
            Assert.DoesNotContain("eclipse:/$ ls /", output); // no command was typed
        }

        [SkippableFact]
        public void AGuestThatDoesNotAnswerInTimeFailsAndSaysWhereTheKernelWas()
        {
            // Reading and checksumming the whole 2 GiB disk takes minutes under TCG: far past 30 s.
            // --timeout bounds each command only; the boot has its own limit (--boot-timeout,
            // 300 s), which a loaded CI machine once needed when one limit bounded both.
            (int exit, string output) = Run("--disk", _images.Gpt, "--timeout", "30", "--exec", "ls /; verify vda");
            Assert.True(exit == 1, output);
            Assert.Contains("run: guest: 'verify vda' did not finish within 30 s", output);
            Assert.Contains("the kernel was at:", output);
            Assert.Contains("VerifyCommand", output); // a frame of the kernel's call chain, read through gdb
            // QEMU's own view (QMP): the CPU's interrupt flag, the PICs and COM1's line status.
            Assert.Matches(@"CPU: (halted|running), interrupts (on|OFF) \(EFLAGS=[0-9a-f]{8}\)", output);
            Assert.Matches(@"pic0: irr=[0-9a-f]{2} imr=[0-9a-f]{2} isr=[0-9a-f]{2}", output);
            Assert.Matches(@"IRQ 0 \(timer\) raised [1-9][0-9]* times, [0-9]+ in the last 1000 ms; IRQ 4 \(COM1\) raised [0-9]+ times", output);
            Assert.Matches(@"COM1: LSR=0x[0-9A-F]{2} \(", output);
            // The kernel is still checksumming the disk: Enter brings no prompt.
            Assert.Contains("typing Enter then brought no prompt within 10 s", output);
        }
    }
}
