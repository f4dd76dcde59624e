package com.saleslift.ingest;

/** The input data cannot be used at all (exit 3): a missing table, file or column, a cycle, too many rejects. */
public final class InputRefusedException extends RuntimeException {
  public InputRefusedException(String message) {
    super(message);
  }
}
