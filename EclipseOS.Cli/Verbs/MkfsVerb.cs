using System;
using System.CommandLine;
using EclipseOS.Cli.EclipseFs;
using EclipseOS.EclipseFS.Tools.Writing;
using EclipseOS.Storage;

namespace EclipseOS.Cli.Verbs
{
    /// <summary><c>eclipse mkfs DIR -o IMG [--gpt] [--size SIZE]</c>: builds an EclipseFS image from a directory tree.</summary>
    public sealed class MkfsVerb : ICliVerb
    {
        /// <inheritdoc />
        public Command Build()
        {
            var dir = new Argument<string>("DIR") { Description = "Directory tree to put in the image" };
            var output = new Option<string>("--output", "-o") { Description = "Image file to write", Required = true };
            var gpt = new Option<bool>("--gpt") { Description = "Wrap the filesystem in the original disk layout: protective MBR, GPT, ESP 1-513 MiB, EclipseFS from 513 MiB" };
            var size = new Option<string?>("--size") { Description = "Image size (e.g. 2G); must hold the tree; the rest stays sparse" };
            var cmd = new Command("mkfs", "Build an EclipseFS v2.0 image from a directory (reproducible: same tree and times give the same bytes)");
            cmd.Arguments.Add(dir);
            cmd.Options.Add(output);
            cmd.Options.Add(gpt);
            cmd.Options.Add(size);
            cmd.SetAction(parse => VerbSupport.Run(() =>
            {
                string? sizeText = parse.GetValue(size);
                ulong? bytes = sizeText == null ? null : VerbSupport.ParseSize(sizeText);
                BuildResult r = VerbSupport.WithProgress("mkfs", progress =>
                    ImageBuilder.Build(parse.GetValue(dir)!, parse.GetValue(output)!, parse.GetValue(gpt), bytes, null, progress));
                Console.WriteLine(parse.GetValue(output) + ": " + r.Inodes + " inodes, " + ByteSize.Format(r.ContentBytes) + " of content, filesystem " +
                    ByteSize.Format(r.FileSystemBytes) + " at byte " + r.FileSystemOffset + ", image " + ByteSize.Format(r.ImageBytes));
                return 0;
            }));
            return cmd;
        }
    }
}
