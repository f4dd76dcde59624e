package com.saleslift.run;

import com.saleslift.config.ConfigException;
import com.saleslift.ingest.InputRefusedException;
import java.nio.file.FileSystemException;
import java.util.Locale;

/**
 * The one line a run that did not publish is reported with, the same on standard error and in
 * its notifications: what kind of failure, and what and where.
 */
public final class FailureReason {
  private FailureReason() {}

  /** What kind of failure: the command line's exit code and the words of its one line follow from it. */
  public enum Kind {
    CONFIGURATION("configuration error"), INPUT_REFUSED("input refused"), INTERNAL("internal error");

    private final String words;

    Kind(String words) {
      this.words = words;
    }

    /** "input refused". */
    public String words() {
      return words;
    }

    public static Kind of(Throwable e) {
      return e instanceof ConfigException ? CONFIGURATION : e instanceof InputRefusedException ? INPUT_REFUSED : INTERNAL;
    }
  }

  /** "input refused: ..." */
  public static String of(Throwable e) {
    return Kind.of(e).words() + ": " + message(e);
  }

  /**
   * What failed: a refusal's own message; a path that could not be written, with what and why; an
   * internal error's type and message, and the root cause under it ("No space left on device").
   */
  public static String message(Throwable e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    if (e instanceof FileSystemException fs) {
      // A path alone says nothing: say what could not be done to it, and why.
      return "cannot write " + fs.getFile() + ": " + (fs.getReason() != null ? fs.getReason()
          : e.getClass().getSimpleName().replace("Exception", "").replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT));
    }
    if (e instanceof ConfigException || e instanceof InputRefusedException || e instanceof java.io.IOException) {
      return firstLine(message);
    }
    String what = e.getClass().getSimpleName() + ": " + firstLine(message);
    return what + rootCause(e, what);
  }

  /** The first line of a message (an empty one for none). */
  public static String firstLine(String text) {
    return text.lines().findFirst().orElse("");
  }

  /**
   * Why a wrapped failure happened: a Spark task that failed to write says which file; the I/O
   * error under it ("No space left on device", "File too large") says why.
   */
  private static String rootCause(Throwable e, String said) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root == e || root.getMessage() == null || said.contains(firstLine(root.getMessage())) ? ""
        : " (caused by " + root.getClass().getSimpleName() + ": " + firstLine(root.getMessage()) + ")";
  }
}
