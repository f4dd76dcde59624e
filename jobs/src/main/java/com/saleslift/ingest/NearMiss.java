package com.saleslift.ingest;

import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * "Did you mean": a value nobody mapped, or a key no parent has, that equals a known one once
 * case, whitespace and punctuation are ignored ("GTXPro" and "GTX Pro", "closed_won" and
 * "Closed Won"). Only such near-exact twins are named: "GTX" is not "GTX Pro".
 */
public final class NearMiss {
  /** What {@link #normalized} removes; Spark's regexp_replace reads the same Java pattern. */
  public static final String IGNORED = "[\\s\\p{Punct}]";
  private static final Pattern IGNORED_PATTERN = Pattern.compile(IGNORED);
  private static final String HINT = " (did you mean '";

  private final Map<String, String> byNormalized = new HashMap<>();

  /** An index of the known values; the first of two known values with one normalized form wins. */
  public NearMiss(Collection<?> known) {
    known.forEach(k -> {
      if (k != null) {
        byNormalized.putIfAbsent(normalized(k.toString()), k.toString());
      }
    });
  }

  public static String normalized(String value) {
    return IGNORED_PATTERN.matcher(value.toLowerCase(Locale.ROOT)).replaceAll("");
  }

  /** The known value the given one nearly is; never the value itself, nor a match of an empty form. */
  public Optional<String> of(String value) {
    String form = normalized(value);
    String known = form.isEmpty() ? null : byNormalized.get(form);
    return known == null || known.equals(value) ? Optional.empty() : Optional.of(known);
  }

  /** " (did you mean 'GTX Pro'?)", or nothing. */
  public String hint(String value) {
    return of(value).map(NearMiss::hintFor).orElse("");
  }

  public static String hintFor(String known) {
    return HINT + known + "'?)";
  }

  /** Whether a reject's detail names a near miss: `validate` lists such values with the unmapped ones. */
  public static boolean names(String detail) {
    return detail.contains(HINT);
  }
}
