using System;

namespace EclipseOS.Platform.Qtest.Qmp
{
    /// <summary>QMP failed: an error answer naming the command, no answer in time, or QEMU gone.</summary>
    public sealed class QmpException : Exception
    {
        /// <summary>Creates the exception.</summary>
        public QmpException(string message) : base(message)
        {
        }
    }
}
