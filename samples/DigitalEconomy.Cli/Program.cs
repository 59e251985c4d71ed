// de-econ: the command-line front end of DigitalEconomy.Econometrics. All logic is in CliApp so
// that tests run it in-process with captured output.
return DigitalEconomy.Cli.CliApp.Run(args, Console.Out, Console.Error);
