using EclipseOS.Hal;

namespace EclipseOS.Kernel.Core.Boot
{
    /// <summary>
    /// Boot options as text, like a kernel command line: words <c>key=value</c> separated by
    /// blanks, e.g. <c>ata.dma=off virtio.interrupts=on</c>. QEMU passes them through fw_cfg
    /// (<see cref="FwCfgName"/>); an unknown key or a bad value is refused with a message
    /// naming it, and the rest still applies.
    /// </summary>
    public static class BootOptionsText
    {
        /// <summary>The fw_cfg file the options are read from: <c>-fw_cfg name=opt/eclipse-os/boot,string=…</c>.</summary>
        public const string FwCfgName = "opt/eclipse-os/boot";

        /// <summary>The keys understood, with what they switch.</summary>
        public const string Help = "ahci.interrupts=on|off, ahci.ncq=on|off, ata.dma=on|off, ata.interrupts=on|off, nvme.interrupts=on|off, virtio.interrupts=on|off, virtio.legacy=on|off";

        /// <summary>
        /// Applies the options in <paramref name="text"/> to <paramref name="options"/>; each
        /// applied option and each refused word is reported to <paramref name="log"/>.
        /// </summary>
        public static void Apply(string text, BootOptions options, ILog log)
        {
            int i = 0;
            while (i < text.Length)
            {
                while (i < text.Length && IsBlank(text[i]))
                    i++;
                int start = i;
                while (i < text.Length && !IsBlank(text[i]))
                    i++;
                if (i > start)
                    ApplyWord(text.Substring(start, i - start), options, log);
            }
        }

        /// <summary>Reads the options QEMU passed in fw_cfg, if any, and applies them; returns the text ("" when none).</summary>
        public static string ApplyFromFwCfg(IPortIO ports, BootOptions options, ILog log)
        {
            QemuFwCfg? fwCfg = QemuFwCfg.Open(ports);
            byte[]? bytes = fwCfg?.ReadFile(FwCfgName);
            if (bytes == null)
                return "";
            var chars = new char[bytes.Length];
            for (int i = 0; i < bytes.Length; i++)
                chars[i] = bytes[i] < 0x20 || bytes[i] > 0x7E ? ' ' : (char)bytes[i];
            string text = new string(chars).Trim();
            log.WriteLine("[BOOT] options (fw_cfg " + FwCfgName + "): " + text);
            Apply(text, options, log);
            return text;
        }

        private static void ApplyWord(string word, BootOptions options, ILog log)
        {
            int equals = word.IndexOf('=');
            string key = equals < 0 ? word : word.Substring(0, equals);
            string value = equals < 0 ? "" : word.Substring(equals + 1);
            bool on;
            if (value == "on")
                on = true;
            else if (value == "off")
                on = false;
            else
            {
                log.WriteLine("[BOOT] option '" + word + "' ignored: the value must be on or off");
                return;
            }
            switch (key)
            {
                case "ahci.interrupts": options.Ahci.UseInterrupts = on; break;
                case "ahci.ncq": options.Ahci.UseNcq = on; break;
                case "ata.dma": options.Ata.UseDma = on; break;
                case "nvme.interrupts": options.Nvme.UseInterrupts = on; break;
                case "ata.interrupts": options.Ata.UseInterrupts = on; break;
                case "virtio.interrupts": options.Virtio.UseInterrupts = on; break;
                case "virtio.legacy": options.Virtio.PreferLegacy = on; break;
                default:
                    log.WriteLine("[BOOT] option '" + word + "' ignored: unknown key '" + key + "' (known: " + Help + ")");
                    break;
            }
        }

        private static bool IsBlank(char c) => c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }
}
