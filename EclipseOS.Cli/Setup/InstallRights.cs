namespace EclipseOS.Cli.Setup
{
    /// <summary>Whether this process may install system packages, and how.</summary>
    public enum InstallRights
    {
        /// <summary>Running as root: apt-get runs as it is.</summary>
        Root,

        /// <summary>sudo works without a password: apt-get runs under <c>sudo -n</c>.</summary>
        PasswordlessSudo,

        /// <summary>Neither: the user has to run the install command.</summary>
        None,
    }
}
