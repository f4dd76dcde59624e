package com.saleslift.cli;

import com.saleslift.storage.Storage;
import java.nio.file.Path;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A folder or file option: a path, a {@code file:} URI, or a Hadoop file system URI (hdfs:, s3a:
 * with its connector). A scheme no file system on the class path serves is a usage error, named,
 * rather than a relative folder called "hdfs:".
 */
final class PathOption implements ITypeConverter<Path> {
  /**
   * Where the default folders (data-samples/, reports/) are: the installation the launcher names
   * ({@code -Dsaleslift.home}), else the working directory. A path the user gives is always
   * taken as given: a relative one is relative to where the command was started.
   */
  static final String HOME = "${sys:saleslift.home:-.}/";
  /** --input's default: $SALESLIFT_INPUT (an installed package sets it), else data-samples/ of the installation. */
  static final String DEFAULT_INPUT = "${env:SALESLIFT_INPUT:-" + HOME + "data-samples}";
  /** --output's default: $SALESLIFT_OUTPUT, else reports/ of the installation. */
  static final String DEFAULT_OUTPUT = "${env:SALESLIFT_OUTPUT:-" + HOME + "reports}";
  /** --config's default: $SALESLIFT_CONFIG, else none (then <input>/saleslift.yaml, else the built-in defaults). */
  static final String DEFAULT_CONFIG = "${env:SALESLIFT_CONFIG}";

  @Override
  public Path convert(String value) {
    try {
      return Storage.path(value);
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException(e.getMessage());
    }
  }
}
