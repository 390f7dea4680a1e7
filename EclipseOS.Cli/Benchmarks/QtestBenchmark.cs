using System;
using System.CommandLine;
using System.Globalization;
using EclipseOS.Benchmarks.Qtest;
using EclipseOS.Platform.Qtest;
using EclipseOS.Platform.Qtest.Options;

namespace EclipseOS.Cli.Benchmarks
{
    /// <summary>
    /// <c>eclipse bench qtest</c>: qtest round trips (lone and pipelined) and bulk guest-memory
    /// throughput, each printed next to the same mechanics through a plain pipe (<c>cat</c>)
    /// measured in the same run, as ratios.
    /// </summary>
    public sealed class QtestBenchmark : IBenchmark
    {
        /// <inheritdoc />
        public Command Build()
        {
            var machine = new Option<string>("--machine") { Description = "QEMU board", DefaultValueFactory = _ => "pc" };
            machine.AcceptOnlyFromAmong("pc", "q35");
            var command = new Command("qtest", "qtest round trips/s and bulk MiB/s next to a plain pipe, as ratios");
            command.Options.Add(machine);
            command.SetAction(parseResult => Run(parseResult.GetValue(machine) == "q35" ? QemuMachine.Q35 : QemuMachine.Pc));
            return command;
        }

        private static int Run(QemuMachine machine)
        {
            const int lone = 3000, pipelined = 60000, bursts = 200, mib = 1024 * 1024, bulkRepeat = 16;
            using var platform = new QtestPlatform(new QemuOptions { Machine = machine, MemoryMiB = 128 });
            using var pipe = new PipeBaseline();
            var qtest = new QtestCostMeasurement(platform);

            // Warm both sides (JIT, page faults) before timing.
            qtest.LoneRoundTrips(200);
            qtest.BulkRead(mib, 1);
            pipe.LineRoundTrips(200);
            pipe.Bulk(mib);

            QtestCounterSnapshot before = platform.Counters.Snapshot();
            Rate qLone = qtest.LoneRoundTrips(lone);
            Rate qWrites = qtest.PipelinedWrites(pipelined);
            Rate qReads = qtest.PipelinedReads(bursts, 256);
            Rate qBulkWrite = qtest.BulkWrite(mib, bulkRepeat);
            Rate qBulkRead = qtest.BulkRead(mib, bulkRepeat);
            QtestCounterSnapshot delta = platform.Counters.Snapshot() - before;
            Rate pLone = pipe.LineRoundTrips(lone);
            Rate pPipelined = pipe.PipelinedLines(pipelined);
            Rate pBulk = pipe.Bulk(bulkRepeat * mib);

            Console.WriteLine("qtest on QEMU " + platform.Name + " vs a plain pipe through cat, same run");
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0,-34} {1,14} {2,14} {3,10}", "measure", "qtest", "pipe", "qtest/pipe"));
            Row("lone round trips /s", qLone.PerSecond, pLone.PerSecond, "N0");
            Row("  (µs each)", qLone.MicrosecondsEach, pLone.MicrosecondsEach, "F1");
            Row("pipelined port writes /s", qWrites.PerSecond, pPipelined.PerSecond, "N0");
            Row("pipelined port reads /s (256/burst)", qReads.PerSecond, pPipelined.PerSecond, "N0");
            Row("  (µs each)", qReads.MicrosecondsEach, pPipelined.MicrosecondsEach, "F2");
            Row("bulk write MiB/s (b64write 1 MiB)", qBulkWrite.MiBPerSecond, pBulk.MiBPerSecond, "F1");
            Row("bulk read MiB/s (b64read 1 MiB)", qBulkRead.MiBPerSecond, pBulk.MiBPerSecond, "F1");
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture,
                "pipelining speed-up on qtest: writes {0:F1}x, string reads {1:F1}x over lone round trips; an ATA sector by PIO: {2:F2} ms one by one, {3:F2} ms as one burst",
                qWrites.PerSecond / qLone.PerSecond, qReads.PerSecond / qLone.PerSecond, 256 * qLone.MicrosecondsEach / 1000, 256 * qReads.MicrosecondsEach / 1000));
            Console.WriteLine("counters during the qtest part: " + delta + "; device register accesses " + delta.DeviceRegisterAccesses);
            return 0;
        }

        private static void Row(string name, double qtest, double pipe, string format)
        {
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0,-34} {1,14} {2,14} {3,10:F3}",
                name, qtest.ToString(format, CultureInfo.InvariantCulture), pipe.ToString(format, CultureInfo.InvariantCulture), qtest / pipe));
        }
    }
}
