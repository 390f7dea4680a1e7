using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using EclipseOS.Drivers.Ata;
using EclipseOS.Platform.Qtest;
using EclipseOS.Platform.Qtest.Options;

namespace EclipseOS.Tests.Ata
{
    /// <summary>A raw image file for an IDE position: optionally sparse, with a pattern written where asked; deleted on dispose.</summary>
    public sealed class AtaImage : IDisposable
    {
        public AtaImage(long sectors, int seed, bool fill = true)
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "eclipse-ata-" + Guid.NewGuid().ToString("N") + ".img");
            Sectors = sectors;
            using var file = new FileStream(Path, FileMode.CreateNew, FileAccess.Write);
            file.SetLength(sectors * 512);
            if (fill)
            {
                var bytes = new byte[sectors * 512];
                new Random(seed).NextBytes(bytes);
                file.Write(bytes);
            }
        }

        public string Path { get; }

        public long Sectors { get; }

        /// <summary>Writes <paramref name="data"/> at <paramref name="lba"/> into the file (before QEMU starts).</summary>
        public void WriteAt(long lba, byte[] data)
        {
            using var file = new FileStream(Path, FileMode.Open, FileAccess.Write);
            file.Position = lba * 512;
            file.Write(data);
        }

        /// <summary>Reads <paramref name="count"/> sectors of the file as the host sees it now.</summary>
        public byte[] ReadAt(long lba, int count)
        {
            using var file = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            file.Position = lba * 512;
            var data = new byte[count * 512];
            file.ReadExactly(data);
            return data;
        }

        public void Dispose()
        {
            try { File.Delete(Path); } catch (IOException) { }
        }
    }

    /// <summary>Starting QEMU <c>-machine pc</c> with IDE drives at chosen positions, and probing it with the ATA driver.</summary>
    public static class AtaQemu
    {
        /// <summary>QEMU options with each image at its <c>if=ide,index=N</c>; <paramref name="unsafeCache"/> makes QEMU ignore flushes (speed for stress tests).</summary>
        public static QemuOptions Options(IReadOnlyDictionary<int, string> imagesByIndex, bool unsafeCache = false, string? cdromIso = null)
        {
            var options = new QemuOptions { Machine = QemuMachine.Pc, MemoryMiB = 64 };
            foreach (KeyValuePair<int, string> entry in imagesByIndex)
                options.Add("-drive", "file=" + entry.Value + ",format=raw,if=ide,index=" + entry.Key.ToString(CultureInfo.InvariantCulture) + (unsafeCache ? ",cache=unsafe" : ""));
            if (cdromIso != null)
                options.Add("-cdrom", cdromIso);
            return options;
        }

        public static AtaOptions Driver(bool dma = true, bool interrupts = true) =>
            new AtaOptions { UseDma = dma, UseInterrupts = interrupts, CommandTimeoutMicroseconds = 5000000, ResetTimeoutMicroseconds = 5000000 };
    }
}
