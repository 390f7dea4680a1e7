using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Threading;
using EclipseOS.Platform.Qtest.Qmp;

namespace EclipseOS.Cli.Guest
{
    /// <summary>
    /// What QEMU itself says about a guest that missed a deadline, read through QMP's
    /// <c>human-monitor-command</c>: whether the CPU is halted and takes interrupts (EFLAGS.IF),
    /// the 8259 PICs' request, service and mask registers, how often the timer and COM1 raised
    /// their lines, and COM1's line status. Together they tell a kernel that halted with
    /// interrupts off, with an interrupt never acknowledged or with a stopped timer, from
    /// one that polls COM1 and finds nothing, or one that left a received byte unread.
    /// </summary>
    public static class GuestMachineState
    {
        // COM1's line status and interrupt enable registers (PC16550D Table II). Reading LSR only
        // clears its error bits; IIR is not read here because reading it acknowledges an interrupt.
        private const int Com1LineStatus = 0x3FD;
        private const int Com1InterruptEnable = 0x3F9;
        private const int EflagsInterruptEnable = 1 << 9;
        private const int Uart16550Irq = 4;
        private const int IrqSampleMilliseconds = 1000;

        /// <summary>The state in a few lines, or a line saying why QMP could not give it.</summary>
        public static string Read(QmpClient qmp)
        {
            try
            {
                var lines = new List<string>();
                string registers = Monitor(qmp, "info registers");
                lines.Add("  CPU: " + DescribeCpu(registers));
                // The 8259s' lines ("pic0: irr=.. imr=.. isr=.."); the kernel leaves the I/O APIC's pins masked.
                foreach (string line in Monitor(qmp, "info pic").Split('\n'))
                {
                    if (line.TrimStart().StartsWith("pic", StringComparison.Ordinal))
                        lines.Add("  " + line.Trim());
                }
                // Whether the timer still ticks decides whether an idle halt can end without COM1.
                Dictionary<int, long> before = IrqCounts(Monitor(qmp, "info irq"));
                Thread.Sleep(IrqSampleMilliseconds);
                Dictionary<int, long> after = IrqCounts(Monitor(qmp, "info irq"));
                lines.Add("  " + DescribeIrq(before, after, 0, "timer") + "; " + DescribeIrq(before, after, Uart16550Irq, "COM1"));
                int lsr = ReadPort(qmp, Com1LineStatus);
                int ier = ReadPort(qmp, Com1InterruptEnable);
                lines.Add("  COM1: " + DescribeCom1(lsr, ier));
                return string.Join(Environment.NewLine, lines);
            }
            catch (QmpException e)
            {
                return "  (QEMU's state could not be read: " + e.Message + ")";
            }
        }

        /// <summary>EFLAGS and the halt state from <c>info registers</c>: "halted, interrupts on (EFLAGS=00000202)".</summary>
        public static string DescribeCpu(string infoRegisters)
        {
            string? eflags = Field(infoRegisters, "EFL=");
            string? halted = Field(infoRegisters, "HLT=");
            if (eflags == null || !uint.TryParse(eflags, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out uint flags))
                return "(no EFLAGS in: " + infoRegisters.Trim() + ")";
            return (halted == "1" ? "halted" : "running") + ", interrupts " + ((flags & EflagsInterruptEnable) != 0 ? "on" : "OFF") + " (EFLAGS=" + eflags + ")";
        }

        /// <summary>COM1's line status and interrupt enable bits in words.</summary>
        public static string DescribeCom1(int lsr, int ier)
        {
            var text = new StringBuilder();
            text.Append("LSR=0x").Append(lsr.ToString("X2", CultureInfo.InvariantCulture));
            text.Append((lsr & 0x01) != 0 ? " (a received byte waits unread" : " (nothing received unread");
            text.Append((lsr & 0x20) != 0 ? ", transmitter has room)" : ", transmitter FULL)");
            text.Append(", IER=0x").Append(ier.ToString("X2", CultureInfo.InvariantCulture));
            text.Append((ier & 0x01) != 0 ? " (receive interrupt on)" : " (receive interrupt off)");
            return text.ToString();
        }

        /// <summary>
        /// The 8259's per-line counts from <c>info irq</c> ("IRQ statistics for isa-i8259:" then
        /// " 0: 266" lines); lines never raised are absent.
        /// </summary>
        public static Dictionary<int, long> IrqCounts(string infoIrq)
        {
            var counts = new Dictionary<int, long>();
            bool inPic = false;
            foreach (string raw in infoIrq.Split('\n'))
            {
                string line = raw.Trim();
                if (line.StartsWith("IRQ statistics for ", StringComparison.Ordinal))
                {
                    inPic = line.Contains("i8259", StringComparison.Ordinal);
                    continue;
                }
                int colon = line.IndexOf(':');
                if (inPic && colon > 0
                    && int.TryParse(line.Substring(0, colon), NumberStyles.Integer, CultureInfo.InvariantCulture, out int irq)
                    && long.TryParse(line.Substring(colon + 1).Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out long count))
                    counts[irq] = count;
            }
            return counts;
        }

        private static string DescribeIrq(Dictionary<int, long> before, Dictionary<int, long> after, int irq, string name)
        {
            before.TryGetValue(irq, out long first);
            after.TryGetValue(irq, out long second);
            return "IRQ " + irq + " (" + name + ") raised " + second + " times, " + (second - first) + " in the last " + IrqSampleMilliseconds + " ms";
        }

        /// <summary>Reads the byte at I/O <paramref name="port"/> as the guest's CPU would (HMP <c>i /b</c>); the device sees the read.</summary>
        public static int ReadPort(QmpClient qmp, int port)
        {
            // HMP "i /b port" answers "port[0x03fd] = 0x60".
            string answer = Monitor(qmp, "i /b 0x" + port.ToString("x", CultureInfo.InvariantCulture)).Trim();
            int equals = answer.LastIndexOf("0x", StringComparison.Ordinal);
            if (equals < 0 || !int.TryParse(answer.Substring(equals + 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out int value))
                throw new QmpException("HMP port read of 0x" + port.ToString("x", CultureInfo.InvariantCulture) + " answered '" + answer + "'");
            return value;
        }

        /// <summary>Writes <paramref name="value"/> to I/O <paramref name="port"/> as the guest's CPU would (HMP <c>o /b</c>); the device sees the write.</summary>
        public static void WritePort(QmpClient qmp, int port, int value) =>
            Monitor(qmp, "o /b 0x" + port.ToString("x", CultureInfo.InvariantCulture) + " 0x" + value.ToString("x", CultureInfo.InvariantCulture));

        /// <summary>Runs a command of QEMU's human monitor (QMP <c>human-monitor-command</c>) and returns what it printed.</summary>
        public static string Monitor(QmpClient qmp, string command)
        {
            using JsonDocument answer = qmp.Execute("human-monitor-command", "{\"command-line\":\"" + command + "\"}");
            return answer.RootElement.GetProperty("return").GetString() ?? "";
        }

        private static string? Field(string text, string name)
        {
            int at = text.IndexOf(name, StringComparison.Ordinal);
            if (at < 0)
                return null;
            int start = at + name.Length;
            int end = start;
            while (end < text.Length && !char.IsWhiteSpace(text[end]))
                end++;
            return text.Substring(start, end - start);
        }
    }
}
