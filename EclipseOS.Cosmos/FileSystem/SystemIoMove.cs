using System.IO;

namespace EclipseOS.Cosmos.FileSystem
{
    /// <summary>
    /// What <c>System.IO.File.Move</c> does inside the kernel. Cosmos's VFS has no rename and the
    /// runtime's own <c>File.Move</c> ends in a Windows system call, so EclipseOS.Cosmos.Plugs
    /// routes it here: within one EclipseFS volume it is the volume's rename (one operation);
    /// between volumes, a copy and a delete.
    /// </summary>
    public static class SystemIoMove
    {
        /// <summary>Moves the file <paramref name="source"/> to <paramref name="destination"/> (full Cosmos paths, <c>1:\a\b</c>).</summary>
        public static void Move(string source, string destination, bool overwrite)
        {
            string sourceRoot = Root(source);
            EclipseFsFileSystem? fileSystem = CosmosVolumes.FileSystemAt(sourceRoot);
            if (fileSystem != null && Root(destination) == sourceRoot)
            {
                fileSystem.Move(Internal(source, sourceRoot), Internal(destination, sourceRoot), overwrite);
                return;
            }
            File.Copy(source, destination, overwrite);
            File.Delete(source);
        }

        /// <summary>The volume part of a Cosmos path: <c>1:\</c> of <c>1:\etc\motd</c> ("" when there is none).</summary>
        private static string Root(string path)
        {
            int colon = path.IndexOf(':');
            if (colon < 0 || colon + 1 >= path.Length || (path[colon + 1] != '\\' && path[colon + 1] != '/'))
                return "";
            return path.Substring(0, colon + 1) + "\\";
        }

        /// <summary>The path inside the volume: <c>1:\etc\motd</c> → <c>/etc/motd</c>.</summary>
        private static string Internal(string path, string root)
        {
            return "/" + path.Substring(root.Length).Replace('\\', '/');
        }
    }
}
