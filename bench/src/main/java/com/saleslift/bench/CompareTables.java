package com.saleslift.bench;

import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * Checks that DuckDB's tables equal SalesLift's: the same columns, the same grain rows, and in
 * every cell the same text or the same number (1.50 and 1.5 are equal; nothing else is).
 *
 * <p>Usage: {@code CompareTables <ours dir> <theirs dir> <table>:<grain columns> ...}; exits 1 on any difference.
 */
public final class CompareTables {
  private CompareTables() {}

  public static void main(String[] args) throws IOException {
    Path ours = Path.of(args[0]);
    Path theirs = Path.of(args[1]);
    List<String> differences = new ArrayList<>();
    for (int i = 2; i < args.length; i++) {
      String[] spec = args[i].split(":");
      int grain = Integer.parseInt(spec[1]);
      Table a = Table.read(ours.resolve(spec[0] + ".csv"), grain);
      Table b = Table.read(theirs.resolve(spec[0] + ".csv"), grain);
      differences.addAll(a.differences(spec[0], b));
      System.out.printf("%s: %d rows here, %d rows in DuckDB's%n", spec[0], a.rows.size(), b.rows.size());
    }
    differences.stream().limit(20).forEach(d -> System.out.println("  differs: " + d));
    if (!differences.isEmpty()) {
      System.out.println(differences.size() + " differences");
      System.exit(1);
    }
    System.out.println("equal");
  }

  private record Table(List<String> header, Map<String, List<String>> rows) {
    static Table read(Path file, int grain) throws IOException {
      try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        List<CSVRecord> records = CSVFormat.RFC4180.parse(in).getRecords();
        Map<String, List<String>> rows = new TreeMap<>();
        for (CSVRecord r : records.subList(1, records.size())) {
          rows.put(String.join("|", r.toList().subList(0, grain)), r.toList());
        }
        return new Table(records.get(0).toList(), rows);
      }
    }

    List<String> differences(String name, Table other) {
      List<String> out = new ArrayList<>();
      if (!header.equals(other.header)) {
        out.add(name + " columns " + header + " vs " + other.header);
        return out;
      }
      for (String key : rows.keySet()) {
        if (!other.rows.containsKey(key)) {
          out.add(name + " " + key + ": missing in DuckDB's");
          continue;
        }
        List<String> a = rows.get(key);
        List<String> b = other.rows.get(key);
        for (int c = 0; c < a.size(); c++) {
          if (!same(a.get(c), b.get(c))) {
            out.add(name + " " + key + " " + header.get(c) + ": " + a.get(c) + " vs " + b.get(c));
          }
        }
      }
      other.rows.keySet().stream().filter(k -> !rows.containsKey(k)).forEach(k -> out.add(name + " " + k + ": only in DuckDB's"));
      return out;
    }

    private static boolean same(String a, String b) {
      if (a.equals(b)) {
        return true;
      }
      try {
        return new BigDecimal(a).compareTo(new BigDecimal(b)) == 0;
      } catch (NumberFormatException e) {
        return false;
      }
    }
  }
}
