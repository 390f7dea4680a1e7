using System;
using BaudRate = Cosmos.HAL.BaudRate;
using COMPort = Cosmos.HAL.COMPort;
using SerialPort = Cosmos.HAL.SerialPort;

namespace EclipseOS.Kernel.Cosmos
{
    /// <summary>
    /// Reports an exception that reached the kernel class, on COM1 and the screen, using only
    /// the exception's message. Cosmos's own last-resort handler (in <c>Kernel.Start</c>)
    /// formats the exception with <c>ToString</c>, which IL2CPU's interface tables cannot
    /// dispatch: the kernel hangs there silently (docs/kernel.md). So nothing may escape.
    /// </summary>
    internal static class FatalReport
    {
        /// <summary>Writes <c>[KERNEL] WHAT: MESSAGE</c>; works before the platform (and its serial driver) exists.</summary>
        public static void Write(string what, Exception error)
        {
            string line = "[KERNEL] " + what + ": " + error.Message;
            SerialPort.Enable(COMPort.COM1, BaudRate.BaudRate115200);
            SerialPort.SendString(line + "\r\n", COMPort.COM1);
            System.Console.WriteLine(line);
        }
    }
}
