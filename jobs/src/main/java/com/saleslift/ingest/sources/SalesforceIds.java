package com.saleslift.ingest.sources;

/**
 * Salesforce record ids: the 15-character form is case-sensitive, the 18-character form adds a
 * checksum of the letter case so that tools that ignore case still tell ids apart. Exports mix
 * both; the canonical id is always the 18-character one.
 */
public final class SalesforceIds {
  private static final String SUFFIX = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";

  private SalesforceIds() {}

  /** The 18-character id; an empty cell stays empty, an 18-character id (or anything else) is kept as it is. */
  public static String to18(String id) {
    String s = id == null ? "" : id.strip();
    if (s.length() != 15) {
      return s;
    }
    StringBuilder out = new StringBuilder(s);
    for (int chunk = 0; chunk < 3; chunk++) {
      int bits = 0;
      for (int i = 0; i < 5; i++) {
        char c = s.charAt(chunk * 5 + i);
        if (c >= 'A' && c <= 'Z') {
          bits |= 1 << i;
        }
      }
      out.append(SUFFIX.charAt(bits));
    }
    return out.toString();
  }

  /** Whether an id names a record of the object with this key prefix (001 account, 006 opportunity). */
  static boolean isA(String id, String prefix) {
    return id != null && id.strip().startsWith(prefix);
  }
}
