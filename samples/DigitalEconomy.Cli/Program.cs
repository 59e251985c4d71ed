// Placeholder entry point; the CLI of SPEC §5 is built in samples/DigitalEconomy.Cli (issue 7).
return DigitalEconomy.Cli.CliApp.Run(args, Console.Out, Console.Error);
