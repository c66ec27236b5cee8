using Migrator.Cli;

// First, so that the background compiling starts before the host is built (StartupProfile).
StartupProfile.Begin(StartupProfile.NameFor(args), Environment.GetEnvironmentVariable);
return await CommandLine.RunAsync(args, Console.Out, Console.Error, CancellationToken.None);
