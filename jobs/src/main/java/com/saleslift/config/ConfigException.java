package com.saleslift.config;

/** A configuration the run cannot start with; the message names the file and the key. */
public final class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message);
  }
}
