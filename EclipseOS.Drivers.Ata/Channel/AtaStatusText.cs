using EclipseOS.Hal.Text;
using System.Text;
using EclipseOS.Drivers.Ata.Registers;

namespace EclipseOS.Drivers.Ata.Channel
{
    /// <summary>Turns status and error register values into words for error messages.</summary>
    public static class AtaStatusText
    {
        /// <summary>E.g. <c>0x51 (DRDY, DSC, ERR)</c>.</summary>
        public static string Status(byte status)
        {
            StringBuilder text = Open(status);
            Append(text, status, AtaRegisters.StatusBusy, "BSY");
            Append(text, status, AtaRegisters.StatusReady, "DRDY");
            Append(text, status, AtaRegisters.StatusDeviceFault, "DF");
            Append(text, status, AtaRegisters.StatusSeekComplete, "DSC");
            Append(text, status, AtaRegisters.StatusDataRequest, "DRQ");
            Append(text, status, AtaRegisters.StatusCorrected, "CORR");
            Append(text, status, AtaRegisters.StatusIndex, "IDX");
            Append(text, status, AtaRegisters.StatusError, "ERR");
            return Close(text, status, "none");
        }

        /// <summary>E.g. <c>0x10 (IDNF: address not found or out of range)</c>.</summary>
        public static string Error(byte error)
        {
            StringBuilder text = Open(error);
            Append(text, error, AtaRegisters.ErrorInterfaceCrc, "ICRC: interface CRC error");
            Append(text, error, AtaRegisters.ErrorUncorrectable, "UNC: uncorrectable data error");
            Append(text, error, AtaRegisters.ErrorMediaChanged, "MC: media changed");
            Append(text, error, AtaRegisters.ErrorIdNotFound, "IDNF: address not found or out of range");
            Append(text, error, AtaRegisters.ErrorMediaChangeRequest, "MCR: media change requested");
            Append(text, error, AtaRegisters.ErrorAborted, "ABRT: command aborted");
            Append(text, error, AtaRegisters.ErrorTrack0NotFound, "TK0NF: track 0 not found");
            Append(text, error, AtaRegisters.ErrorAddressMarkNotFound, "AMNF: address mark not found");
            return Close(text, error, "no error bit set");
        }

        /// <summary>Starts <c>0xNN (</c>; the set bits' names follow.</summary>
        private static StringBuilder Open(byte value)
        {
            var text = new StringBuilder();
            text.Append("0x").Append(Hex.Upper(value, 2)).Append(" (");
            return text;
        }

        /// <summary>Ends the list, saying <paramref name="none"/> when no bit was set.</summary>
        private static string Close(StringBuilder text, byte value, string none)
        {
            if (value == 0) text.Append(none);
            text.Append(')');
            return text.ToString();
        }

        private static void Append(StringBuilder text, byte value, byte bit, string name)
        {
            if ((value & bit) == 0) return;
            if (text[text.Length - 1] != '(') text.Append(", ");
            text.Append(name);
        }
    }
}
