using System;

namespace EclipseOS.EclipseFS.Tools.Writing
{
    /// <summary>The source tree cannot become an EclipseFS image (a limit, an unsupported file type, a file that changed); the message names the path.</summary>
    public sealed class EclipseFsWriterException : Exception
    {
        /// <summary>Creates an error about <paramref name="path"/>.</summary>
        public EclipseFsWriterException(string path, string problem) : base(path + ": " + problem)
        {
            Path = path;
        }

        /// <summary>The source path concerned.</summary>
        public string Path { get; }
    }
}
