package com.saleslift.cli;

import com.saleslift.config.ConfigLoader;
import com.saleslift.generate.SampleGenerator;
import com.saleslift.generate.ToolExports;
import com.saleslift.run.AssignmentLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "generate", mixinStandardHelpOptions = true,
    header = "Write a deterministic, realistic input folder (the data-samples/ generator).")
public final class GenerateCommand implements Callable<Integer> {
  @Option(names = "--out", paramLabel = "DIR", converter = PathOption.class, required = true, description = "Folder to write the tables and saleslift.yaml to.")
  Path out;

  @Option(names = "--accounts", paramLabel = "N", defaultValue = "" + SampleGenerator.SAMPLE_ACCOUNTS, description = "Accounts (default: ${DEFAULT-VALUE}).")
  int accounts;

  @Option(names = "--months", paramLabel = "N", defaultValue = "24", description = "Months of history (default: ${DEFAULT-VALUE}).")
  int months;

  @Option(names = "--seed", paramLabel = "N", defaultValue = "7", description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--end", paramLabel = "YYYY-MM-DD", defaultValue = "2026-10-31",
      description = "Last day of the generated history (default: ${DEFAULT-VALUE}).")
  LocalDate end;

  @Option(names = "--effect", paramLabel = "SEGMENT/BAND=LIFT",
      description = "Planted effect of a sales touch on 180-day conversion, e.g. B2B/ENT=0.25 (repeatable; "
          + "cells not named keep their default: " + SampleGenerator.DEFAULT_EFFECTS_TEXT + "). "
          + "The truth is written to planted_effects.csv.")
  Map<String, Double> effects = new TreeMap<>();

  @Option(names = "--events-per-account", paramLabel = "N", defaultValue = "0",
      description = "About this many usage events per account, the extra ones after the first week "
          + "(default: what each account's story gives, about 20).")
  int eventsPerAccount;

  @Option(names = "--partition-events",
      description = "Write usage events as usage_events/dt=YYYY-MM-DD/part-00000.csv, one folder per day, as nightly exports arrive.")
  boolean partitionEvents;

  @Option(names = "--as", paramLabel = "TOOL[,TOOL...]",
      description = "Write the company as these tools export it instead of canonical CSVs: salesforce or hubspot (CRM), "
          + "stripe (billing), segment or posthog (usage), with the sources: mapping in saleslift.yaml; tables no tool holds "
          + "stay canonical.")
  String as;

  @Option(names = "--holdout-share", paramLabel = "SHARE",
      description = "Simulate a year of the list to engage with this share held back from reps (e.g. 0.2): the year's "
          + "assignment log goes to --output, the experiment's truth to planted_holdout.csv, experiment: to saleslift.yaml.")
  java.math.BigDecimal holdoutShare;

  @Option(names = "--compliance", paramLabel = "RATE", defaultValue = "0.6",
      description = "With --holdout-share: how often reps touch an account the list gives them (default: ${DEFAULT-VALUE}; "
          + "held-out accounts are touched at " + SampleGenerator.HELD_OUT_TOUCH + ").")
  double compliance;

  @Option(names = "--output", paramLabel = "DIR", converter = PathOption.class, defaultValue = PathOption.DEFAULT_OUTPUT,
      description = "With --holdout-share: the folder nightly runs will publish to, whose assignment log gets the simulated "
          + "year (default: ${DEFAULT-VALUE}).")
  Path output;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (accounts < 1 || months < 1 || eventsPerAccount < 0) {
      throw new ParameterException(spec.commandLine(), "--accounts and --months must be at least 1, --events-per-account at least 0");
    }
    Map<String, Double> planted = new TreeMap<>(SampleGenerator.DEFAULT_EFFECTS);
    planted.putAll(effects);
    SampleGenerator.Settings settings;
    try {
      settings = new SampleGenerator.Settings(accounts, months, seed, end, planted, eventsPerAccount, partitionEvents);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--effect: " + e.getMessage());
    }
    if (holdoutShare != null) {
      Path log = AssignmentLog.of(output).folder();
      if (Files.isDirectory(log)) {
        try (Stream<Path> files = Files.list(log)) {
          if (files.findAny().isPresent()) {
            throw new ParameterException(spec.commandLine(), "--output " + output + " already holds an assignment log (" + log
                + "): a simulated year would mix with it; give a new folder");
          }
        }
      }
      try {
        settings = new SampleGenerator.Settings(accounts, months, seed, end, planted, eventsPerAccount, partitionEvents,
            new SampleGenerator.Holdout(holdoutShare, compliance, output));
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), "--holdout-share/--compliance: " + e.getMessage());
      }
    }
    if (as == null) {
      SampleGenerator.write(out, settings);
    } else {
      exported(settings);
    }
    spec.commandLine().getOut().println("wrote " + out);
    if (holdoutShare != null) {
      spec.commandLine().getOut().println("wrote a year of holdout assignments to " + AssignmentLog.of(output).folder());
    }
    spec.commandLine().getOut().flush();
    return ExitCodes.OK;
  }

  /** The company generated as canonical tables beside the output, then written as the tools of --as export it. */
  private void exported(SampleGenerator.Settings settings) throws java.io.IOException {
    java.util.Set<ToolExports.Tool> tools;
    try {
      tools = ToolExports.Tool.parse(as);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--as: " + e.getMessage());
    }
    if (partitionEvents) {
      throw new ParameterException(spec.commandLine(), "--as writes usage as the tools export it: drop --partition-events");
    }
    java.nio.file.Path canonical = java.nio.file.Files.createTempDirectory("saleslift-generate-");
    try {
      SampleGenerator.write(canonical, settings);
      ToolExports.write(canonical, out, tools, ConfigLoader.load(canonical.resolve("saleslift.yaml")).baseCurrency(), end);
    } finally {
      org.apache.commons.io.file.PathUtils.deleteDirectory(canonical);
    }
  }
}
