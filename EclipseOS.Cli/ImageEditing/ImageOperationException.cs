using System;
using System.IO;
using EclipseOS.EclipseFS;
using EclipseOS.EclipseFS.Tools.Extraction;
using EclipseOS.EclipseFS.Vfs;
using EclipseOS.Storage;

namespace EclipseOS.Cli.ImageEditing
{
    /// <summary>
    /// An operation on an opened image failed (a path that does not exist, a name that exists,
    /// no space left …); the message names the path as IMG:PATH and the problem. The verbs exit
    /// with 1 for it, keeping 2 for an image that cannot be opened.
    /// </summary>
    public sealed class ImageOperationException : Exception
    {
        /// <summary>Creates the error with its full message.</summary>
        public ImageOperationException(string message) : base(message) { }

        /// <summary>Creates the error with its full message and the error that caused it.</summary>
        public ImageOperationException(string message, Exception inner) : base(message, inner) { }

        /// <summary>
        /// Whether <paramref name="e"/> is a failure an operation on an opened image can meet and
        /// report: this error, the engine's refusals, a damaged record, a device error, a host file
        /// that cannot be read or written. Anything else is a bug and is not caught.
        /// </summary>
        public static bool IsOperationError(Exception e) =>
            e is ImageOperationException || e is VfsException || e is EclipseFsException || e is BlockDeviceException
            || e is IOException || e is UnauthorizedAccessException || e is ExtractException;
    }
}
