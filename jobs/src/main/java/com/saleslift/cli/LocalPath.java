package com.saleslift.cli;

import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A folder or file option: a path, or a {@code file:} URI. Other file system URIs (hdfs:, s3a:)
 * are refused as a usage error rather than read as a relative folder named "hdfs:": the job reads
 * and publishes through the driver's file system (on a cluster, a mount every executor shares).
 */
final class LocalPath implements ITypeConverter<Path> {
  @Override
  public Path convert(String value) {
    int colon = value.indexOf(':');
    String scheme = colon > 1 && value.substring(0, colon).matches("[A-Za-z][A-Za-z0-9+.-]*")
        ? value.substring(0, colon).toLowerCase(Locale.ROOT) : null;
    if (scheme == null) {
      return Path.of(value);
    }
    if (scheme.equals("file")) {
      return Path.of(URI.create(value));
    }
    throw new TypeConversionException("'" + value + "': " + scheme + ": paths are not supported; give a folder on the driver's"
        + " file system (on a cluster, one mounted at the same path on every executor) or a file: URI");
  }
}
