using System;
using System.IO;

namespace EclipseOS.Tests.Qtest
{
    /// <summary>A temporary raw disk image filled with a known pattern; deleted on dispose.</summary>
    public sealed class DiskImage : IDisposable
    {
        public DiskImage(int sectors, int seed)
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "eclipse-qtest-" + Guid.NewGuid().ToString("N") + ".img");
            Bytes = new byte[sectors * 512];
            new Random(seed).NextBytes(Bytes);
            File.WriteAllBytes(Path, Bytes);
        }

        public string Path { get; }

        public byte[] Bytes { get; }

        public byte[] Sector(long lba) => Bytes.AsSpan((int)(lba * 512), 512).ToArray();

        public void Dispose()
        {
            try { File.Delete(Path); } catch (IOException) { }
        }
    }
}
