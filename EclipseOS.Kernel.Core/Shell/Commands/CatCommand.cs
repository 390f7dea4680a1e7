using System.Collections.Generic;
using EclipseOS.EclipseFS.Format;
using EclipseOS.EclipseFS.Vfs;

namespace EclipseOS.Kernel.Core.Shell.Commands
{
    /// <summary><c>cat PATH</c>: prints a file as text, line by line.</summary>
    public sealed class CatCommand : IShellCommand
    {
        private const int ChunkSize = 64 * 1024;

        /// <inheritdoc />
        public string Name => "cat";

        /// <inheritdoc />
        public string Usage => "cat PATH";

        /// <inheritdoc />
        public string Summary => "print a file";

        /// <inheritdoc />
        public void Run(ShellSession session, string[] args)
        {
            if (args.Length != 1)
                throw new ShellException("usage: " + Usage);
            VfsFile file = session.Files.Open(session.Absolute(args[0]));
            var chunk = new byte[ChunkSize];
            var line = new List<byte>();
            while (true)
            {
                int read = file.Read(chunk, 0, chunk.Length);
                if (read == 0)
                    break;
                for (int i = 0; i < read; i++)
                {
                    if (chunk[i] == (byte)'\n')
                    {
                        session.Output.WriteLine(Decode(line));
                        line.Clear();
                    }
                    else
                    {
                        line.Add(chunk[i]);
                    }
                }
            }
            if (file.Position != file.Length)
                throw new ShellException(file.Path + ": read ended at byte " + file.Position + " of " + file.Length);
            if (line.Count > 0)
                session.Output.WriteLine(Decode(line));
        }

        /// <summary>UTF-8 text as is; a line that is not valid UTF-8 shows its other bytes as U+FFFD.</summary>
        private static string Decode(List<byte> line)
        {
            byte[] bytes = line.ToArray();
            string? text = Utf8Name.Decode(bytes, 0, bytes.Length);
            if (text != null)
                return text;
            var chars = new char[bytes.Length];
            for (int i = 0; i < bytes.Length; i++)
                chars[i] = bytes[i] < 0x80 ? (char)bytes[i] : '\uFFFD';
            return new string(chars);
        }
    }
}
