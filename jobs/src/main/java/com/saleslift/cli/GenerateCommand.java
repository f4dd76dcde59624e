package com.saleslift.cli;

import com.saleslift.generate.SampleGenerator;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "generate", mixinStandardHelpOptions = true,
    header = "Write a deterministic, realistic input folder (the data-samples/ generator).")
public final class GenerateCommand implements Callable<Integer> {
  @Option(names = "--out", paramLabel = "DIR", required = true, description = "Folder to write the tables and saleslift.yaml to.")
  Path out;

  @Option(names = "--accounts", paramLabel = "N", defaultValue = "2000", description = "Accounts (default: ${DEFAULT-VALUE}).")
  int accounts;

  @Option(names = "--months", paramLabel = "N", defaultValue = "24", description = "Months of history (default: ${DEFAULT-VALUE}).")
  int months;

  @Option(names = "--seed", paramLabel = "N", defaultValue = "7", description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--end", paramLabel = "YYYY-MM-DD", defaultValue = "2026-10-31",
      description = "Last day of the generated history (default: ${DEFAULT-VALUE}).")
  LocalDate end;

  @Override
  public Integer call() throws Exception {
    if (accounts < 1 || months < 1) {
      throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "--accounts and --months must be at least 1");
    }
    SampleGenerator.write(out, new SampleGenerator.Settings(accounts, months, seed, end));
    System.out.println("wrote " + out);
    return ExitCodes.OK;
  }
}
