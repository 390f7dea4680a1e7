using System;
using System.IO;
using System.Runtime.InteropServices;

namespace EclipseOS.EclipseFS.Tools.Writing
{
    /// <summary>
    /// What lstat(2) says about a path: mode, owner, size, modification time. .NET exposes no
    /// uid/gid, so on Linux (x64 and arm64, whose struct stat layouts are fixed ABI) this calls
    /// libc's lstat; elsewhere it falls back to .NET's view with uid/gid 0.
    /// </summary>
    public readonly struct UnixFileStatus
    {
        /// <summary>POSIX mode (type bits and permissions).</summary>
        public uint Mode { get; init; }
        /// <summary>Owner.</summary>
        public uint Uid { get; init; }
        /// <summary>Group.</summary>
        public uint Gid { get; init; }
        /// <summary>Size in bytes (link-target length for symlinks).</summary>
        public long Size { get; init; }
        /// <summary>Modification time, Unix seconds.</summary>
        public long MtimeSeconds { get; init; }

        /// <summary>POSIX file-type mask and values.</summary>
        public const uint TypeMask = 0xF000, TypeDirectory = 0x4000, TypeFile = 0x8000, TypeSymlink = 0xA000;

        [DllImport("libc", EntryPoint = "lstat", SetLastError = true)]
        private static extern int LStat(string path, byte[] buffer);

        /// <summary>Reads the status of <paramref name="path"/> without following a final symlink.</summary>
        public static UnixFileStatus Of(string path)
        {
            Architecture arch = RuntimeInformation.ProcessArchitecture;
            if (OperatingSystem.IsLinux() && (arch == Architecture.X64 || arch == Architecture.Arm64))
            {
                var st = new byte[256];
                if (LStat(path, st) != 0)
                    throw new IOException(path + ": lstat failed: " + Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError()));
                bool x64 = arch == Architecture.X64;
                return new UnixFileStatus
                {
                    Mode = BitConverter.ToUInt32(st, x64 ? 24 : 16),
                    Uid = BitConverter.ToUInt32(st, x64 ? 28 : 24),
                    Gid = BitConverter.ToUInt32(st, x64 ? 32 : 28),
                    Size = BitConverter.ToInt64(st, 48),
                    MtimeSeconds = BitConverter.ToInt64(st, 88),
                };
            }
            var info = new FileInfo(path);
            uint type = info.LinkTarget != null ? TypeSymlink : Directory.Exists(path) ? TypeDirectory : TypeFile;
            uint perms = OperatingSystem.IsWindows() ? (type == TypeDirectory ? 0x1EDu : 0x1A4u) : (uint)File.GetUnixFileMode(path);
            return new UnixFileStatus
            {
                Mode = type | perms,
                Size = type == TypeFile ? info.Length : type == TypeSymlink ? System.Text.Encoding.UTF8.GetByteCount(info.LinkTarget!) : 0,
                MtimeSeconds = new DateTimeOffset(info.LastWriteTimeUtc).ToUnixTimeSeconds(),
            };
        }
    }
}
