using System;
using System.Runtime.InteropServices;

namespace EclipseOS.Platform.Qtest.Process
{
    /// <summary>
    /// The POSIX calls the qtest transport needs to bound every pipe operation by a timeout:
    /// <c>poll</c> before each read, and non-blocking <c>write</c> on QEMU's stdin so a
    /// stopped QEMU cannot wedge us in a full pipe. .NET's pipe streams offer neither a read
    /// nor a write timeout on Unix.
    /// </summary>
    internal static class NativePipe
    {
        private const short PollIn = 0x001;
        private const short PollOut = 0x004;
        private const short PollErr = 0x008;
        private const short PollHup = 0x010;
        private const int EINTR = 4;
        private const int EAGAIN = 11;
        private const int FGetFl = 3;
        private const int FSetFl = 4;
        private const int ONonBlock = 0x800;

        [StructLayout(LayoutKind.Sequential)]
        private struct PollFd
        {
            public int Fd;
            public short Events;
            public short Revents;
        }

        [DllImport("libc", SetLastError = true)]
        private static extern unsafe int poll(PollFd* fds, ulong nfds, int timeout);

        [DllImport("libc", SetLastError = true)]
        private static extern unsafe nint read(int fd, byte* buffer, nuint count);

        [DllImport("libc", SetLastError = true)]
        private static extern unsafe nint write(int fd, byte* buffer, nuint count);

        [DllImport("libc", SetLastError = true)]
        private static extern int fcntl(int fd, int cmd, int arg);

        /// <summary>Puts <paramref name="fd"/> in non-blocking mode.</summary>
        public static void SetNonBlocking(int fd)
        {
            int flags = fcntl(fd, FGetFl, 0);
            if (flags < 0 || fcntl(fd, FSetFl, flags | ONonBlock) < 0)
                throw new InvalidOperationException("fcntl(O_NONBLOCK) failed on fd " + fd + ": errno " + Marshal.GetLastPInvokeError());
        }

        /// <summary>
        /// Waits up to <paramref name="timeoutMs"/> until <paramref name="fd"/> is readable (or
        /// writable when <paramref name="forWrite"/>); hang-up and error count as ready so the
        /// following call reports them. Returns false on timeout.
        /// </summary>
        public static unsafe bool WaitReady(int fd, bool forWrite, int timeoutMs)
        {
            var pfd = new PollFd { Fd = fd, Events = forWrite ? PollOut : PollIn };
            while (true)
            {
                int n = poll(&pfd, 1, timeoutMs < 0 ? 0 : timeoutMs);
                if (n > 0) return (pfd.Revents & (PollIn | PollOut | PollErr | PollHup)) != 0;
                if (n == 0) return false;
                int errno = Marshal.GetLastPInvokeError();
                if (errno != EINTR) throw new InvalidOperationException("poll failed: errno " + errno);
            }
        }

        /// <summary>Reads what is available; 0 means end of file. Call after <see cref="WaitReady"/>.</summary>
        public static unsafe int Read(int fd, byte[] buffer, int offset, int count)
        {
            fixed (byte* p = buffer)
            {
                while (true)
                {
                    nint n = read(fd, p + offset, (nuint)count);
                    if (n >= 0) return (int)n;
                    int errno = Marshal.GetLastPInvokeError();
                    if (errno == EINTR) continue;
                    if (errno == EAGAIN) return -1;
                    throw new System.IO.IOException("read from QEMU failed: errno " + errno);
                }
            }
        }

        /// <summary>
        /// Writes as much as the pipe takes without blocking; returns the byte count, 0 when the
        /// pipe is full, or -1 when the reader is gone (EPIPE).
        /// </summary>
        public static unsafe int TryWrite(int fd, byte[] buffer, int offset, int count)
        {
            fixed (byte* p = buffer)
            {
                while (true)
                {
                    nint n = write(fd, p + offset, (nuint)count);
                    if (n >= 0) return (int)n;
                    int errno = Marshal.GetLastPInvokeError();
                    if (errno == EINTR) continue;
                    if (errno == EAGAIN) return 0;
                    return -1;
                }
            }
        }
    }
}
