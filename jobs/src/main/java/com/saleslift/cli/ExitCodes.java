package com.saleslift.cli;

/** The exit codes of docs/operations.md. */
public final class ExitCodes {
  /** The run completed and published its folder. */
  public static final int OK = 0;
  /** Internal error: a bug, or the environment failed (disk full, Spark failure). */
  public static final int INTERNAL = 1;
  /** Usage or configuration error: unknown flag, bad date, bad config key. */
  public static final int USAGE = 2;
  /** The input data was refused: missing table or column, too many rejects, hierarchy cycle. */
  public static final int INPUT_REFUSED = 3;

  private ExitCodes() {}
}
