using System.Collections.Generic;
using System.IO;
using System.Text;
using EclipseOS.Hal.Pci;
using EclipseOS.Platform.Qtest.Firmware;
using Spectre.Console;

namespace EclipseOS.Cli.Lspci
{
    /// <summary>
    /// Prints PCI functions as <c>eclipse lspci</c> shows them: a table on a terminal, and
    /// otherwise one line per function that scripts and tests can split on spaces:
    /// <c>00:04.0 1af4:1001 class=01:00 "SCSI storage controller" irq=11 BAR0=io:0xc000+0x80 BAR4=mem64-pref:0xe0000000+0x4000</c>.
    /// </summary>
    public static class LspciReport
    {
        /// <summary>One plain line for <paramref name="function"/>.</summary>
        public static string PlainLine(PciFunctionSetup function)
        {
            var line = new StringBuilder();
            line.Append(function.Address).Append(' ')
                .Append(function.VendorId.ToString("x4")).Append(':').Append(function.DeviceId.ToString("x4"))
                .Append(" class=").Append(function.ClassCode.ToString("x2")).Append(':').Append(function.Subclass.ToString("x2"))
                .Append(" \"").Append(PciClassNames.Of(function.ClassCode, function.Subclass)).Append('"')
                .Append(" irq=").Append(Irq(function));
            foreach (PciBar bar in function.Bars)
                line.Append(' ').Append(Bar(bar));
            return line.ToString();
        }

        /// <summary>Writes the plain lines.</summary>
        public static void WritePlain(IReadOnlyList<PciFunctionSetup> functions, TextWriter output)
        {
            foreach (PciFunctionSetup function in functions)
                output.WriteLine(PlainLine(function));
        }

        /// <summary>Writes a table to the terminal.</summary>
        public static void WriteTable(IReadOnlyList<PciFunctionSetup> functions, string title)
        {
            var table = new Table().Title(Markup.Escape(title));
            table.AddColumn(new TableColumn("Address").NoWrap());
            table.AddColumn(new TableColumn("Vendor:Device").NoWrap());
            table.AddColumn("Class");
            table.AddColumn(new TableColumn("IRQ").NoWrap());
            // One BAR per line, never split inside an address.
            table.AddColumn(new TableColumn("BARs").NoWrap());
            foreach (PciFunctionSetup f in functions)
            {
                var bars = new List<string>();
                foreach (PciBar bar in f.Bars) bars.Add(ShortBar(bar));
                table.AddRow(
                    f.Address.ToString(),
                    f.VendorId.ToString("x4") + ":" + f.DeviceId.ToString("x4"),
                    Markup.Escape(f.ClassCode.ToString("x2") + ":" + f.Subclass.ToString("x2") + " " + PciClassNames.Of(f.ClassCode, f.Subclass)),
                    Irq(f),
                    Markup.Escape(bars.Count == 0 ? "-" : string.Join("\n", bars)));
            }
            AnsiConsole.Write(table);
        }

        /// <summary><c>BAR4=mem64-pref:0xe0000000+0x4000</c>: kind, assigned address, size.</summary>
        public static string Bar(PciBar bar)
        {
            string kind = bar.Kind == PciBarKind.Io ? "io" : bar.Kind == PciBarKind.Memory32 ? "mem32" : "mem64";
            if (bar.Prefetchable) kind += "-pref";
            return "BAR" + bar.Index + "=" + kind + ":0x" + bar.Address.ToString("x") + "+0x" + bar.Size.ToString("x");
        }

        /// <summary><c>BAR4 m64p 0xc0000000 16K</c>: the table's compact form.</summary>
        private static string ShortBar(PciBar bar)
        {
            string kind = bar.Kind == PciBarKind.Io ? "io" : bar.Kind == PciBarKind.Memory32 ? "m32" : "m64";
            if (bar.Prefetchable) kind += "p";
            string size = bar.Size >= 1UL << 20 && bar.Size % (1UL << 20) == 0 ? (bar.Size >> 20) + "M"
                : bar.Size >= 1024 && bar.Size % 1024 == 0 ? (bar.Size >> 10) + "K" : bar.Size + "B";
            return "BAR" + bar.Index + " " + kind + " 0x" + bar.Address.ToString("x") + " " + size;
        }

        private static string Irq(PciFunctionSetup function) =>
            function.InterruptPin == 0 || function.InterruptLine == 0xFF ? "none" : function.InterruptLine.ToString();
    }
}
