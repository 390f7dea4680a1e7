using System;

namespace EclipseOS.Kernel.Core.Shell
{
    /// <summary>A command could not do what was asked; the shell prints the message as one line.</summary>
    public sealed class ShellException : Exception
    {
        /// <summary>Creates an error with the line to print (without the command name).</summary>
        public ShellException(string message) : base(message)
        {
        }
    }
}
