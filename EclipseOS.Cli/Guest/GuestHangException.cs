using System;

namespace EclipseOS.Cli.Guest
{
    /// <summary>The guest did not answer in time (no prompt, no end of a command), or QEMU exited: a failure, never a pass.</summary>
    public sealed class GuestHangException : Exception
    {
        /// <summary>Says what was awaited, how long, and where the CPU was (the kernel's call chain, when gdb could read it).</summary>
        public GuestHangException(string message) : base(message)
        {
        }
    }
}
