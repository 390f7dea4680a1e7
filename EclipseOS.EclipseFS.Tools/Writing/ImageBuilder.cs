using System;
using System.IO;
using EclipseOS.EclipseFS.Format;
using EclipseOS.EclipseFS.Tools.Disk;

namespace EclipseOS.EclipseFS.Tools.Writing
{
    /// <summary>What <see cref="ImageBuilder.Build"/> made.</summary>
    public sealed class BuildResult
    {
        /// <summary>Inodes in the filesystem.</summary>
        public int Inodes { get; init; }
        /// <summary>Bytes of file and link content.</summary>
        public ulong ContentBytes { get; init; }
        /// <summary>Bytes the filesystem occupies.</summary>
        public ulong FileSystemBytes { get; init; }
        /// <summary>Where the filesystem starts in the image file (0 for a bare image).</summary>
        public ulong FileSystemOffset { get; init; }
        /// <summary>Length of the image file.</summary>
        public ulong ImageBytes { get; init; }
    }

    /// <summary>
    /// mkfs: plans the tree, sizes the image (bare, or the original GPT disk layout), then
    /// streams the filesystem into it. Unwritten space stays sparse.
    /// </summary>
    public static class ImageBuilder
    {
        /// <summary>
        /// Builds <paramref name="output"/> from <paramref name="source"/>. <paramref name="size"/>
        /// (bytes) pads the image to that length and must be at least what the tree needs.
        /// <paramref name="progress"/> gets (content bytes written, total content bytes).
        /// </summary>
        public static BuildResult Build(string source, string output, bool gpt, ulong? size, ulong? creationTime, Action<ulong, ulong>? progress)
        {
            ImagePlan plan = ImagePlan.FromDirectory(source, creationTime);
            ulong fsBytes = plan.FileSystemBytes;
            ulong offset = gpt ? GptDiskLayout.FileSystemOffset : 0;
            ulong needed = gpt ? GptDiskLayout.MinimumDiskBytes(fsBytes) : fsBytes;
            ulong imageBytes = needed;
            if (size.HasValue)
            {
                if (size.Value < needed)
                    throw new EclipseFsWriterException(output, "--size " + size.Value + " is smaller than the " + needed + " bytes this tree needs");
                imageBytes = gpt ? size.Value / GptDiskLayout.SectorSize * GptDiskLayout.SectorSize : size.Value;
            }
            ulong total = plan.ContentBytes;
            using (var stream = new FileStream(output, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1024 * 1024))
            {
                stream.SetLength((long)imageBytes);
                stream.Seek((long)offset, SeekOrigin.Begin);
                EclipseFsWriter.Write(plan, stream, progress == null ? null : done => progress(done, total));
                if (gpt)
                {
                    var seed = new byte[EclipseFsLayout.HeaderLength];
                    stream.Seek((long)offset, SeekOrigin.Begin);
                    stream.ReadExactly(seed, 0, seed.Length);
                    GptDiskLayout.Write(stream, imageBytes, seed);
                }
                stream.Flush();
            }
            return new BuildResult
            {
                Inodes = plan.Nodes.Count,
                ContentBytes = total,
                FileSystemBytes = fsBytes,
                FileSystemOffset = offset,
                ImageBytes = imageBytes,
            };
        }
    }
}
