using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using System.Runtime.Versioning;
using Xunit;

namespace EclipseOS.Tests.Il2Cpu
{
    /// <summary>
    /// A method of a kernel-side class implements at most one interface member. When one method
    /// implemented both <c>IBlockDevice.BlockSize</c> and <c>IRequestQueue.BlockSize</c>, the
    /// sample kernel built by IL2CPU hung in its interface dispatch
    /// (<c>VTablesImpl.GetMethodAddressForInterfaceType</c>, called from
    /// <c>QueuedTransfer.Run</c>) on two boots in a row, while .NET and the main kernel ran
    /// fine: an interface that needs another's members extends it instead.
    /// </summary>
    public sealed class InterfaceMapTests
    {
        [Fact]
        public void NoKernelSideMethodImplementsMembersOfTwoInterfaces()
        {
            var shared = new List<string>();
            int kernelSide = 0;
            foreach (string path in Directory.GetFiles(AppContext.BaseDirectory, "EclipseOS.*.dll"))
            {
                Assembly assembly = Assembly.LoadFrom(path);
                TargetFrameworkAttribute? framework = assembly.GetCustomAttribute<TargetFrameworkAttribute>();
                if (framework == null || framework.FrameworkName != ".NETCoreApp,Version=v6.0")
                    continue;
                kernelSide++;
                foreach (Type? type in LoadableTypes(assembly))
                {
                    if (type == null || !type.IsClass)
                        continue;
                    var implemented = new Dictionary<MethodInfo, string>();
                    foreach (Type contract in type.GetInterfaces())
                    {
                        InterfaceMapping map = type.GetInterfaceMap(contract);
                        for (int i = 0; i < map.TargetMethods.Length; i++)
                        {
                            string member = contract.Name + "." + map.InterfaceMethods[i].Name;
                            if (implemented.TryGetValue(map.TargetMethods[i], out string? first))
                                shared.Add(type.FullName + "." + map.TargetMethods[i].Name + " implements " + first + " and " + member);
                            else
                                implemented[map.TargetMethods[i]] = member;
                        }
                    }
                }
            }
            Assert.True(kernelSide >= 8, "only " + kernelSide + " kernel-side assemblies found next to the tests");
            Assert.True(shared.Count == 0, string.Join("\n", shared));
        }

        // The Cosmos-facing assemblies refer to Cosmos types the host does not have; their other types still count.
        private static Type?[] LoadableTypes(Assembly assembly)
        {
            try
            {
                return assembly.GetTypes();
            }
            catch (ReflectionTypeLoadException e)
            {
                return e.Types;
            }
        }
    }
}
