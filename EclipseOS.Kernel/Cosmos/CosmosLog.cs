using System;
using EclipseOS.Hal;
using BaudRate = Cosmos.HAL.BaudRate;
using COMPort = Cosmos.HAL.COMPort;
using SerialPort = Cosmos.HAL.SerialPort;

namespace EclipseOS.Kernel.Cosmos
{
    /// <summary>
    /// The kernel log: every line goes to the console (VGA text screen) and to COM1, which QEMU
    /// sends to the terminal and to a file (<c>eclipse run</c>) or to the console window (F5).
    /// </summary>
    public sealed class CosmosLog : ILog
    {
        /// <summary>Programs COM1 for 115200 baud, 8N1.</summary>
        public CosmosLog()
        {
            SerialPort.Enable(COMPort.COM1, BaudRate.BaudRate115200);
        }

        /// <inheritdoc />
        public void WriteLine(string line)
        {
            Console.WriteLine(line);
            SerialPort.SendString(line + "\n", COMPort.COM1);
        }
    }
}
