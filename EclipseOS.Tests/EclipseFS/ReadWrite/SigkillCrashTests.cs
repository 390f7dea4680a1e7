using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Threading;
using EclipseOS.EclipseFS;
using EclipseOS.EclipseFS.Fsck;
using EclipseOS.Platform.Qtest.Options;
using EclipseOS.Storage;
using EclipseOS.Tests.VirtIO;
using Xunit;
using Xunit.Abstractions;
using static EclipseOS.Tests.EclipseFS.ReadWrite.ReadWriteVolumes;

namespace EclipseOS.Tests.EclipseFS.ReadWrite
{
    /// <summary>
    /// The real crash test: the read-write engine on QEMU's virtio-blk disk (our driver over
    /// qtest) runs a random workload; QEMU is killed with SIGKILL at a random moment; then the
    /// image file is mounted, checked by fsck and compared with the model: it must hold every
    /// acknowledged operation and at most the one in flight.
    /// </summary>
    public class SigkillCrashTests
    {
        private readonly ITestOutputHelper _out;

        public SigkillCrashTests(ITestOutputHelper output)
        {
            _out = output;
        }

        [Fact]
        public void Qemu_killed_at_random_moments_leaves_a_volume_that_mounts_checks_clean_and_holds_a_prefix_of_the_operations()
        {
            int runs = int.TryParse(Environment.GetEnvironmentVariable("ECLIPSE_SIGKILL_RUNS"), out int r) ? r : 8;
            var rng = new Random(2026);
            int withInFlight = 0, operations = 0;
            for (int run = 0; run < runs; run++)
            {
                int seed = 5000 + run;
                int killAfterMs = rng.Next(300, 2500);
                (int acked, bool inFlightLanded) = OneRun(seed, killAfterMs);
                operations += acked;
                if (inFlightLanded) withInFlight++;
            }
            _out.WriteLine(runs + " SIGKILL runs, " + operations + " acknowledged operations, " + withInFlight + " runs where the operation in flight had landed, 0 violations");
        }

        private (int Acked, bool InFlightLanded) OneRun(int seed, int killAfterMs)
        {
            byte[] baseImage = OriginalStyleImage(16 << 20);
            using var machine = new QemuVirtioMachine(QemuMachine.Pc);
            var image = machine.AddDisk(baseImage.Length / 512, DiskBus.Virtio);
            File.WriteAllBytes(image.Path, baseImage);
            machine.Start();
            IBlockDevice disk = machine.Devices[0];
            EclipseFsVolume v = Mount(disk);
            var model = new RandomWorkload(seed, v);
            var trees = new List<string> { Show(model.Tree()) };
            string? lastOp = null;
            Exception? stopped = null;
            var worker = new Thread(() =>
            {
                try
                {
                    while (true)
                    {
                        lastOp = model.Step(v);
                        trees.Add(Show(model.Tree()));
                    }
                }
                catch (Exception e)
                {
                    stopped = e;
                }
            });
            worker.Start();
            Thread.Sleep(killAfterMs);
            Process.GetProcessById(machine.Platform.QemuProcessId).Kill();
            Assert.True(worker.Join(TimeSpan.FromSeconds(60)), "seed " + seed + ": the workload did not stop within 60 s of SIGKILL");
            Assert.NotNull(stopped);
            int acked = trees.Count - 1;
            string inFlight = Show(model.Tree());

            var after = new RamDisk(File.ReadAllBytes(image.Path), 512, false);
            EclipseFsVolume mounted = Mount(after);
            string actual = Show(Tree(mounted));
            Assert.True(actual == trees[acked] || actual == inFlight,
                "seed " + seed + ", killed after " + killAfterMs + " ms, " + acked + " operations acknowledged (last: " + lastOp + "), failure " + stopped!.Message
                + "\nexpected\n" + trees[acked] + "or with the operation in flight\n" + inFlight + "actual\n" + actual);
            Assert.Equal(actual, Show(new OriginalFormatReader(after.Data).Tree()));
            FsckReport report = new EclipseFsChecker(new EclipseFsOptions()).Check(after, null);
            Assert.True(report.Problems.Count == 0, "seed " + seed + ": fsck: " + string.Join("\n", report.Problems));
            _out.WriteLine("seed " + seed + ": killed after " + killAfterMs + " ms, " + acked + " acknowledged, stopped by: " + stopped.GetType().Name);
            return (acked, actual != trees[acked]);
        }
    }
}
