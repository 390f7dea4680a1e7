using EclipseOS.Cosmos.FileSystem;
using IL2CPU.API.Attribs;

namespace EclipseOS.Cosmos.Plugs
{
    /// <summary>
    /// Plugs the runtime's internal <c>System.IO.FileSystem.MoveFile</c>, the step of
    /// <c>File.Move</c> that would call Windows' MoveFileEx (the CoreLib IL2CPU compiles is the
    /// Windows build): inside the kernel it goes to <see cref="SystemIoMove"/>.
    /// </summary>
    [Plug("System.IO.FileSystem, System.Private.CoreLib")]
    public static class FileSystemMoveImpl
    {
        /// <summary>Moves a file; full Cosmos paths (<c>1:\a\b</c>), as <c>File.Move</c> hands them over.</summary>
        public static void MoveFile(string sourceFullPath, string destFullPath, bool overwrite)
        {
            SystemIoMove.Move(sourceFullPath, destFullPath, overwrite);
        }
    }
}
