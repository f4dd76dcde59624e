package com.saleslift.metrics;

import static com.saleslift.ingest.InputColumns.ACCOUNT_ID;
import static com.saleslift.model.Columns.SIZE_BAND;

import com.saleslift.config.SalesLiftConfig;
import com.saleslift.table.ResultTable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The holdout's assignment (docs/metrics.md, "Holdout experiment"): the first night an account
 * is on the list to engage, a hash of the salt and its id puts it in the {@link Arm#HOLDOUT}
 * arm (kept from reps) or the {@link Arm#LISTED} one, and the log keeps that arm for good. A
 * hash rather than a random draw: anyone can recompute an arm from the id, no state but the log
 * is needed, and the same account gets the same arm on any machine and any rerun.
 */
public final class HoldoutAssignment {
  public enum Arm { LISTED, HOLDOUT }

  /** The assignment log's columns, one row per account, in this order. */
  public static final List<String> LOG_COLUMNS = List.of(ACCOUNT_ID, "arm", "assigned_on", "segment", SIZE_BAND, "salt",
      "holdout_share");
  /** The hash is read modulo this: the share is applied in ten-thousandths. */
  static final int BUCKETS = 10_000;

  private HoldoutAssignment() {}

  /**
   * One account's arm, as logged: the night it was first listed, the cell the list gave it then
   * (the experiment is read per cell as assigned, before anything the arm could change), and
   * the salt and share that decided it.
   */
  public record Assignment(String accountId, Arm arm, LocalDate assignedOn, String segment, String sizeBand, String salt,
      BigDecimal holdoutShare) {
    public List<String> logRow() {
      return List.of(accountId, arm.name(), assignedOn.toString(), segment, sizeBand, salt, holdoutShare.toPlainString());
    }

    /** A row of the log; a value that cannot be one is named ("arm 'LISTD' is neither LISTED nor HOLDOUT"). */
    public static Assignment ofLogRow(List<String> row) {
      if (row.get(0).isEmpty()) {
        throw new IllegalArgumentException("no account_id");
      }
      Arm arm = java.util.Arrays.stream(Arm.values()).filter(a -> a.name().equals(row.get(1))).findFirst()
          .orElseThrow(() -> new IllegalArgumentException("arm '" + row.get(1) + "' is neither LISTED nor HOLDOUT"));
      LocalDate assignedOn;
      BigDecimal share;
      try {
        assignedOn = LocalDate.parse(row.get(2));
      } catch (java.time.format.DateTimeParseException e) {
        throw new IllegalArgumentException("assigned_on '" + row.get(2) + "' is not a date (YYYY-MM-DD)");
      }
      try {
        share = new BigDecimal(row.get(6));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("holdout_share '" + row.get(6) + "' is not a number");
      }
      return new Assignment(row.get(0), arm, assignedOn, row.get(3), row.get(4), row.get(5), share);
    }
  }

  /** The list reps are given and the accounts assigned tonight for the first time. */
  public record Split(ResultTable listed, List<Assignment> added) {}

  /**
   * h mod 10000, h the first 8 bytes of SHA-256(UTF-8 of {@code salt + ":" + accountId}) read as
   * an unsigned big-endian integer.
   */
  public static int bucket(String salt, String accountId) {
    byte[] digest = sha256().digest((salt + ":" + accountId).getBytes(StandardCharsets.UTF_8));
    return (int) Long.remainderUnsigned(ByteBuffer.wrap(digest, 0, Long.BYTES).getLong(), BUCKETS);
  }

  /** HOLDOUT when the bucket lies under round(share x 10000). */
  public static Arm arm(String salt, String accountId, BigDecimal share) {
    int cut = share.multiply(BigDecimal.valueOf(BUCKETS)).setScale(0, RoundingMode.HALF_UP).intValueExact();
    return bucket(salt, accountId) < cut ? Arm.HOLDOUT : Arm.LISTED;
  }

  /**
   * The list as reps get it, and tonight's new assignments. {@code list}: accounts_to_engage as
   * computed, before any holdout; {@code logged}: the arm of every account the log holds. A
   * logged account keeps its arm whatever the share or salt now are; an account not logged is
   * assigned with today's, and only when the holdout is on. The listed accounts keep their
   * order, ranked again from 1.
   */
  public static Split split(ResultTable list, Map<String, Assignment> logged, SalesLiftConfig.Experiment experiment,
      LocalDate runDate) {
    List<Assignment> added = new ArrayList<>();
    List<List<String>> kept = new ArrayList<>();
    int rank = list.columnIndex("rank");
    for (List<String> row : list.rows()) {
      String id = list.text(row, ACCOUNT_ID);
      Assignment known = logged.get(id);
      Arm arm;
      if (known != null) {
        arm = known.arm();
      } else if (experiment.on()) {
        arm = arm(experiment.salt(), id, experiment.holdoutShare());
        added.add(new Assignment(id, arm, runDate, list.text(row, "segment"), list.text(row, SIZE_BAND), experiment.salt(),
            experiment.holdoutShare()));
      } else {
        arm = Arm.LISTED;
      }
      if (arm == Arm.LISTED) {
        List<String> ranked = new ArrayList<>(row);
        ranked.set(rank, Integer.toString(kept.size() + 1));
        kept.add(List.copyOf(ranked));
      }
    }
    return new Split(new ResultTable(list.name(), list.columns(), List.copyOf(kept)), List.copyOf(added));
  }

  /**
   * A list without the held-out accounts: their ids are in the log and nowhere a rep reads, or
   * a rep could find a held-out account on another list and work it.
   */
  public static ResultTable withoutHeldOut(ResultTable list, Map<String, Assignment> logged) {
    return list.filter(row -> {
      Assignment a = logged.get(list.text(row, ACCOUNT_ID));
      return a == null || a.arm() != Arm.HOLDOUT;
    });
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
