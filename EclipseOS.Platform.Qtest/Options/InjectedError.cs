using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;

namespace EclipseOS.Platform.Qtest.Options
{
    /// <summary>Which requests an <see cref="InjectedError"/> fails.</summary>
    public enum InjectedErrorKind
    {
        /// <summary>Reads that touch the sectors.</summary>
        Read,

        /// <summary>Writes that touch the sectors.</summary>
        Write,

        /// <summary>
        /// Every flush (no sectors): proof that a driver's flush reaches QEMU's block layer even
        /// on device models that keep no flush counter (QEMU 7.2's NVMe).
        /// </summary>
        Flush,
    }

    /// <summary>
    /// A medium error QEMU itself produces: its <c>blkdebug</c> block driver, layered between the
    /// disk's format and its file, fails every read (or write) that touches one of
    /// <see cref="Count"/> sectors from <see cref="Sector"/> with EIO, for as long as QEMU runs; the
    /// drive's <c>rerror/werror=report</c> hands the failure to the guest as the device model's own
    /// error (a virtio IOERR status, an ATA ERR/UNC, an NVMe status) instead of pausing the VM.
    /// </summary>
    public sealed class InjectedError
    {
        /// <summary>Most sectors one error may cover: blkdebug checks one rule per sector.</summary>
        public const int MaxCount = 256;

        /// <summary>An error on <paramref name="count"/> sectors from <paramref name="sector"/>.</summary>
        public InjectedError(InjectedErrorKind kind, ulong sector, int count = 1)
        {
            if (count < 1 || count > MaxCount)
                throw new ArgumentOutOfRangeException(nameof(count), "an injected error covers 1-" + MaxCount + " sectors, not " + count);
            Kind = kind;
            Sector = sector;
            Count = count;
        }

        /// <summary>Reads or writes.</summary>
        public InjectedErrorKind Kind { get; }

        /// <summary>The first failing 512-byte sector of the image.</summary>
        public ulong Sector { get; }

        /// <summary>How many sectors from <see cref="Sector"/> fail.</summary>
        public int Count { get; }

        /// <summary>
        /// Parses the command-line form <c>read|write:SECTOR[:COUNT]</c> (e.g. <c>read:2048</c>,
        /// <c>write:100:8</c>) or <c>flush</c>; throws <see cref="ArgumentException"/> saying what is wrong.
        /// </summary>
        public static InjectedError Parse(string text)
        {
            if (text == "flush")
                return new InjectedError(InjectedErrorKind.Flush, 0);
            string[] parts = (text ?? "").Split(':');
            if (parts.Length < 2 || parts.Length > 3)
                throw new ArgumentException("--inject-error wants read|write:SECTOR[:COUNT] or flush, not '" + text + "'");
            InjectedErrorKind kind = parts[0] switch
            {
                "read" => InjectedErrorKind.Read,
                "write" => InjectedErrorKind.Write,
                _ => throw new ArgumentException("--inject-error '" + text + "': the kind is read or write, not '" + parts[0] + "'"),
            };
            if (!ulong.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out ulong sector))
                throw new ArgumentException("--inject-error '" + text + "': the sector '" + parts[1] + "' is not a number");
            int count = 1;
            if (parts.Length == 3 && (!int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out count) || count < 1 || count > MaxCount))
                throw new ArgumentException("--inject-error '" + text + "': the count '" + parts[2] + "' is not a number from 1 to " + MaxCount);
            return new InjectedError(kind, sector, count);
        }

        /// <summary>
        /// The start of a <c>-drive</c> value that puts <paramref name="imagePath"/> behind QEMU's
        /// blkdebug failing as <paramref name="errors"/> say: writes their configuration to
        /// <paramref name="configPath"/> and returns <c>file=blkdebug:CONF:IMG,rerror=report,werror=report</c>
        /// (commas doubled, as <c>-drive</c> wants), so the device model reports the errors to the
        /// guest instead of stopping the VM (QEMU's default for write errors).
        /// </summary>
        public static string DriveFile(string imagePath, IReadOnlyList<InjectedError> errors, string configPath)
        {
            if (imagePath.Contains(':'))
                throw new ArgumentException("errors are injected with blkdebug, whose syntax cannot take a ':' in a disk path: " + imagePath, nameof(imagePath));
            File.WriteAllText(configPath, BlkdebugConfig(errors));
            return "file=blkdebug:" + configPath.Replace(",", ",,") + ":" + imagePath.Replace(",", ",,") + ",rerror=report,werror=report";
        }

        // The blkdebug configuration (docs/devel/blkdebug.rst): one [inject-error] rule per sector,
        // armed by the raw format's read_aio/write_aio event, EIO, never disarmed; a flush rule is
        // armed by the flush_to_os event every flush raises.
        private static string BlkdebugConfig(IReadOnlyList<InjectedError> errors)
        {
            var text = new StringBuilder();
            foreach (InjectedError error in errors)
            {
                if (error.Kind == InjectedErrorKind.Flush)
                {
                    text.Append("[inject-error]\nevent = \"flush_to_os\"\niotype = \"flush\"\nerrno = \"5\"\nonce = \"off\"\nimmediately = \"off\"\n\n");
                    continue;
                }
                string io = error.Kind == InjectedErrorKind.Read ? "read" : "write";
                for (int i = 0; i < error.Count; i++)
                {
                    text.Append("[inject-error]\n");
                    text.Append("event = \"").Append(io).Append("_aio\"\n");
                    text.Append("iotype = \"").Append(io).Append("\"\n");
                    text.Append("errno = \"5\"\n");
                    text.Append("sector = \"").Append((error.Sector + (ulong)i).ToString(CultureInfo.InvariantCulture)).Append("\"\n");
                    text.Append("once = \"off\"\n");
                    text.Append("immediately = \"off\"\n\n");
                }
            }
            return text.ToString();
        }

        /// <inheritdoc />
        public override string ToString() => Kind == InjectedErrorKind.Flush ? "flush" :
            (Kind == InjectedErrorKind.Read ? "read" : "write") + ":" + Sector.ToString(CultureInfo.InvariantCulture)
            + (Count > 1 ? ":" + Count.ToString(CultureInfo.InvariantCulture) : "");
    }
}
