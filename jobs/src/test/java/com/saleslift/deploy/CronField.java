package com.saleslift.deploy;

/** One time field of a crontab line (minute, hour, day, month, weekday): numbers only, as ours are written. */
final class CronField {
  private CronField() {}

  /** A comma list of `*`, `N` or `N-M`, each with an optional `/step`, inside {@code [min, max]}. */
  static boolean valid(String field, int min, int max) {
    for (String item : field.split(",", -1)) {
      String[] stepped = item.split("/", -1);
      if (stepped.length > 2 || (stepped.length == 2 && !positive(stepped[1]))) {
        return false;
      }
      String range = stepped[0];
      if (range.equals("*")) {
        continue;
      }
      String[] ends = range.split("-", -1);
      if (ends.length > 2 || !inRange(ends[0], min, max) || (ends.length == 2
          && (!inRange(ends[1], min, max) || Integer.parseInt(ends[1]) < Integer.parseInt(ends[0])))) {
        return false;
      }
    }
    return true;
  }

  private static boolean inRange(String number, int min, int max) {
    return number.matches("\\d{1,2}") && Integer.parseInt(number) >= min && Integer.parseInt(number) <= max;
  }

  private static boolean positive(String number) {
    return number.matches("\\d{1,2}") && Integer.parseInt(number) > 0;
  }
}
