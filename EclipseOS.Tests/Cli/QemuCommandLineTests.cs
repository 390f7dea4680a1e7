using System;
using System.Collections.Generic;
using EclipseOS.Cli.Run;
using EclipseOS.Cli.Verbs;
using Xunit;

namespace EclipseOS.Tests.Cli
{
    public class QemuCommandLineTests
    {
        private static List<string> Arguments(DiskBus bus, params string[] disks) =>
            QemuCommandLine.For(new VmOptions("/k/eclipse.iso", disks, bus, "/out/serial.log") { Window = false });

        /// <summary>The values of every occurrence of <paramref name="option"/>.</summary>
        private static List<string> Values(List<string> arguments, string option)
        {
            var values = new List<string>();
            for (int i = 0; i < arguments.Count - 1; i++)
            {
                if (arguments[i] == option)
                    values.Add(arguments[i + 1]);
            }
            return values;
        }

        [Fact]
        public void BootsTheIsoFromCdWithSerialToTerminalAndLogFile()
        {
            List<string> arguments = Arguments(DiskBus.Virtio);
            Assert.Equal(new[] { "/k/eclipse.iso" }, Values(arguments, "-cdrom"));
            Assert.Equal(new[] { "d" }, Values(arguments, "-boot"));
            Assert.Equal(new[] { "stdio,id=serial0,signal=on,logfile=/out/serial.log" }, Values(arguments, "-chardev"));
            Assert.Equal(new[] { "chardev:serial0" }, Values(arguments, "-serial"));
            Assert.Equal(new[] { "tcg" }, Values(arguments, "-accel"));
            Assert.Equal(new[] { "none" }, Values(arguments, "-display"));
            Assert.Empty(Values(arguments, "-gdb"));
        }

        [Fact]
        public void VirtioDisksInOrder()
        {
            List<string> arguments = Arguments(DiskBus.Virtio, "/d/root.img", "/d/data.qcow2");
            Assert.Equal(new[] { "file=/d/root.img,format=raw,if=virtio", "file=/d/data.qcow2,format=qcow2,if=virtio" }, Values(arguments, "-drive"));
        }

        [Fact]
        public void IdeDisksSkipTheCdromPlace()
        {
            List<string> arguments = Arguments(DiskBus.Ide, "/d/a.img", "/d/b.img", "/d/c.img");
            Assert.Equal(new[]
            {
                "file=/d/a.img,format=raw,if=ide,index=0,media=disk",
                "file=/d/b.img,format=raw,if=ide,index=1,media=disk",
                "file=/d/c.img,format=raw,if=ide,index=3,media=disk",
            }, Values(arguments, "-drive"));
        }

        [Fact]
        public void BothBusesAttachEachDiskTwice_VirtioReadOnlyAndTheIdeCopyAsASnapshot()
        {
            List<string> arguments = Arguments(DiskBus.Both, "/d/root.img");
            Assert.Equal(new[]
            {
                "file=/d/root.img,format=raw,if=virtio,readonly=on",
                "file=/d/root.img,format=raw,if=ide,index=0,media=disk,snapshot=on,file.locking=off",
            }, Values(arguments, "-drive"));
        }

        [Fact]
        public void TooManyIdeDisksIsAClearError()
        {
            var error = Assert.Throws<ArgumentException>(() => Arguments(DiskBus.Ide, "a", "b", "c", "d"));
            Assert.Contains("IDE has room for 3 disks", error.Message);
            Assert.Equal(4, Values(Arguments(DiskBus.Virtio, "a", "b", "c", "d"), "-drive").Count);
        }

        [Fact]
        public void CommasInPathsAreDoubled()
        {
            List<string> arguments = QemuCommandLine.For(new VmOptions("/k/a,b.iso", new[] { "/d/x,y.img" }, DiskBus.Virtio, "/o/s,l.log"));
            Assert.Equal(new[] { "file=/d/x,,y.img,format=raw,if=virtio" }, Values(arguments, "-drive"));
            Assert.Contains("logfile=/o/s,,l.log", Values(arguments, "-chardev")[0]);
        }

        [Fact]
        public void KvmAndGdb()
        {
            List<string> arguments = QemuCommandLine.For(new VmOptions("/k/e.iso", Array.Empty<string>(), DiskBus.Virtio, "/s.log") { Kvm = true, GdbPort = 1234 });
            Assert.Equal(new[] { "kvm" }, Values(arguments, "-accel"));
            Assert.Equal(new[] { "host" }, Values(arguments, "-cpu"));
            Assert.Equal(new[] { "tcp:127.0.0.1:1234" }, Values(arguments, "-gdb"));
            Assert.Contains("-S", arguments);
            Assert.Empty(Values(arguments, "-display"));
        }

        [Theory]
        [InlineData(0)]
        [InlineData(70000)]
        public void GdbPortOutOfRangeIsRejected(int port)
        {
            Assert.Throws<ArgumentException>(() => QemuCommandLine.Check(0, DiskBus.Virtio, port));
        }

        [Fact]
        public void BusNames()
        {
            Assert.Equal(DiskBus.Virtio, RunVerb.ParseBus("virtio"));
            Assert.Equal(DiskBus.Ide, RunVerb.ParseBus("ide"));
            Assert.Equal(DiskBus.Both, RunVerb.ParseBus("both"));
            Assert.Throws<ArgumentException>(() => RunVerb.ParseBus("scsi"));
        }
    }
}
