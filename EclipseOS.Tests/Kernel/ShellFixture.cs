using EclipseOS.Platform.Qtest.Devices;
using System;
using System.IO;
using System.Linq;
using EclipseOS.Cli.Boot;
using EclipseOS.EclipseFS;
using EclipseOS.Kernel.Core;
using EclipseOS.Kernel.Core.Logging;
using EclipseOS.Kernel.Core.Shell;
using EclipseOS.Storage;

namespace EclipseOS.Tests.Kernel
{
    /// <summary>
    /// A kernel context without a machine: the real writer's bare image of the test tree on a
    /// read-only RAM disk (ram0), mounted at / (so read-only), plus a second, blank RAM disk.
    /// For the shell's reading commands.
    /// </summary>
    public sealed class ShellFixture : IDisposable
    {
        public ShellFixture()
        {
            Images = new KernelImages();
            Log = new KernelLog(null, capacity: 3);
            Control = new HostPlatformControl();
            var devices = new BlockDeviceManager(Log);
            Root = new RamDisk(File.ReadAllBytes(Images.Bare), 512, readOnly: true);
            devices.Register(Root, DeviceClass.RamDisk);
            devices.Register(new RamDisk(512, 4), DeviceClass.RamDisk);
            Kernel = new KernelContext(Log, Control, devices, new StopwatchClock(null));
            Kernel.Mount(Root.Name, "/", Kernel.Volumes.Open(Root, true), false);
        }

        public KernelImages Images { get; }

        public KernelLog Log { get; }

        public HostPlatformControl Control { get; }

        public RamDisk Root { get; }

        public KernelContext Kernel { get; }

        /// <summary>A fresh shell (working directory /) running <paramref name="command"/>: its success and output lines.</summary>
        public (bool Ok, string[] Lines) Run(string command, Shell? shell = null)
        {
            var output = new TextWriterOutput(null, keep: true);
            shell ??= new Shell(Kernel, output);
            bool ok = shell.Execute(command);
            return (ok, output.Lines.ToArray());
        }

        public void Dispose() => Images.Dispose();
    }
}
