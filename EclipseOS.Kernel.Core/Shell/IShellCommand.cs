namespace EclipseOS.Kernel.Core.Shell
{
    /// <summary>One built-in shell command.</summary>
    public interface IShellCommand
    {
        /// <summary>What the user types, e.g. <c>ls</c>.</summary>
        string Name { get; }

        /// <summary>Synopsis, e.g. <c>ls [-l] [PATH]</c>.</summary>
        string Usage { get; }

        /// <summary>One-line description for <c>help</c>.</summary>
        string Summary { get; }

        /// <summary>
        /// Runs the command with its arguments (the name excluded). Throws
        /// <see cref="ShellException"/> with a one-line reason when it fails.
        /// </summary>
        void Run(ShellSession session, string[] args);
    }
}
