package com.saleslift.metrics;

import static com.saleslift.ingest.InputColumns.ACCOUNT_ID;
import static com.saleslift.model.Columns.SIZE_BAND;
import static org.apache.spark.sql.functions.sum;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.catalyst.expressions.XXH64;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * The bootstrap sums of sales_lift: per stratum (segment, size band, usage band, outcome) and
 * replicate, the weighed count and outcome sum of the treated and of the untouched accounts.
 * Replicate 0 weighs every account 1; replicate r weighs an account by a Poisson(1) draw from
 * xxhash64(seed, r, account_id), as Spark's {@code xxhash64} computes it.
 *
 * <p>Summed in each partition in plain Java, then merged by Spark: repeating every account row
 * once per replicate as rows (200 replicates, 300,000 account outcomes: 60 million rows, each
 * hashed, multiplied as a wide decimal and hashed again into an aggregation map) took 33 s of
 * the two cores on the benchmark company; here each account costs one small loop per replicate.
 * The sums are exact decimals, so they do not depend on how Spark splits the rows.
 */
final class LiftBootstrap {
  /** P(X <= k) for X ~ Poisson(1), k = 0 .. MAX_DRAW - 1; a draw above MAX_DRAW has probability below 1e-14. */
  private static final int MAX_DRAW = 16;
  private static final double[] POISSON_CDF = poissonCdf();
  /** Spark's seed for xxhash64. */
  private static final long XXHASH_SEED = 42L;
  static final String N1 = "_n1";
  static final String S1 = "_s1";
  static final String N0 = "_n0";
  static final String S0 = "_s0";
  static final String EARLY_COUNT = "_early";
  private static final String[] STRATUM = {"segment", SIZE_BAND, SalesLift.USAGE_BAND, "outcome"};

  private LiftBootstrap() {}

  /**
   * One row per stratum and replicate 0 .. {@code replicates} (replicate 0 only for a stratum
   * holding early-touch accounts alone): {@link #N1}, {@link #S1} (NULL without treated rows),
   * {@link #N0}, {@link #S0} (likewise), the treated accounts' minutes and the early-touch count.
   */
  static Dataset<Row> strata(Dataset<Row> accountOutcomes, long seed, int replicates) {
    DecimalType y = (DecimalType) accountOutcomes.schema().apply(SalesLift.Y).dataType();
    DecimalType sums = DataTypes.createDecimalType(DecimalType.MAX_PRECISION(), y.scale());
    StructType schema = new StructType();
    for (String key : STRATUM) {
      schema = schema.add(key, DataTypes.StringType, true);
    }
    schema = schema.add(SalesLift.REPLICATE, DataTypes.IntegerType, false)
        .add(N1, DataTypes.LongType, false).add(S1, sums, true)
        .add(N0, DataTypes.LongType, false).add(S0, sums, true)
        .add(SalesLift.MINUTES, DataTypes.LongType, false).add(EARLY_COUNT, DataTypes.LongType, false);
    Dataset<Row> partial = accountOutcomes
        .select(ACCOUNT_ID, STRATUM[0], STRATUM[1], STRATUM[2], STRATUM[3], SalesLift.GROUP, SalesLift.MINUTES, SalesLift.Y)
        .mapPartitions(new PartitionSums(seed, replicates), Encoders.row(schema));
    return partial.groupBy(STRATUM[0], STRATUM[1], STRATUM[2], STRATUM[3], SalesLift.REPLICATE)
        .agg(sum(N1).as(N1), sum(S1).cast(sums).as(S1), sum(N0).as(N0), sum(S0).cast(sums).as(S0),
            sum(SalesLift.MINUTES).as(SalesLift.MINUTES), sum(EARLY_COUNT).as(EARLY_COUNT));
  }

  /**
   * A Poisson(1) draw from a uniform number made of the top 53 bits of xxhash64(seed,
   * replicate, account_id): the inverse of the distribution function, so every (replicate,
   * account) gets the same weight wherever and however often it is computed.
   */
  static int poissonWeight(long seed, int replicate, String accountId) {
    return poissonWeight(seedHash(seed), replicate, UTF8String.fromString(accountId));
  }

  /** xxhash64's state after the seed, the first of the three values hashed: the same for every draw of a run. */
  private static long seedHash(long seed) {
    return XXH64.hashLong(seed, XXHASH_SEED);
  }

  /** The same from the hash of the seed and the account id as Spark holds it, each computed once per account. */
  private static int poissonWeight(long seedHash, int replicate, UTF8String accountId) {
    long hash = XXH64.hashUTF8String(accountId, XXH64.hashInt(replicate, seedHash));
    double uniform = (hash >>> 11) * (1.0 / (1L << 53));
    for (int k = 0; k < MAX_DRAW; k++) {
      if (uniform < POISSON_CDF[k]) {
        return k;
      }
    }
    return MAX_DRAW;
  }

  private static double[] poissonCdf() {
    double[] cdf = new double[MAX_DRAW];
    double term = Math.exp(-1);
    double total = 0;
    for (int k = 0; k < MAX_DRAW; k++) {
      total += term;
      cdf[k] = total;
      term /= k + 1;
    }
    return cdf;
  }

  /** The sums of one partition's account outcomes, a row per stratum and replicate. */
  private static final class PartitionSums implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;
    private final long seed;
    private final int replicates;

    PartitionSums(long seed, int replicates) {
      this.seed = seed;
      this.replicates = replicates;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
      Map<List<String>, Stratum> strata = new HashMap<>();
      long seedHash = seedHash(seed);
      int[] weights = new int[replicates + 1];
      weights[0] = 1;
      while (rows.hasNext()) {
        Row r = rows.next();
        // Arrays.asList, not List.of: a NULL key groups as Spark's groupBy would group it.
        Stratum s = strata.computeIfAbsent(Arrays.asList(r.getString(1), r.getString(2), r.getString(3), r.getString(4)),
            k -> new Stratum(replicates));
        String group = r.getString(5);
        if (group.equals(SalesLift.EARLY)) {
          s.early++;
          continue;
        }
        UTF8String account = UTF8String.fromString(r.getString(0));
        for (int rep = 1; rep <= replicates; rep++) {
          weights[rep] = poissonWeight(seedHash, rep, account);
        }
        s.add(group.equals(SalesLift.TREATED), r.getLong(6), r.getDecimal(7), weights);
      }
      List<Row> out = new ArrayList<>();
      strata.forEach((key, s) -> s.rows(key, out));
      return out.iterator();
    }
  }

  /** One stratum's running sums, per replicate. */
  private static final class Stratum {
    final long[] n1;
    final long[] n0;
    final BigDecimal[] s1;
    final BigDecimal[] s0;
    long minutes;
    long early;

    Stratum(int replicates) {
      n1 = new long[replicates + 1];
      n0 = new long[replicates + 1];
      s1 = new BigDecimal[replicates + 1];
      s0 = new BigDecimal[replicates + 1];
    }

    void add(boolean treated, long accountMinutes, BigDecimal y, int[] weights) {
      long[] n = treated ? n1 : n0;
      BigDecimal[] s = treated ? s1 : s0;
      if (treated) {
        minutes += accountMinutes;
      }
      // y times every weight a draw can give, multiplied once rather than once per replicate.
      BigDecimal[] multiples = new BigDecimal[MAX_DRAW + 1];
      for (int k = 0; k <= MAX_DRAW; k++) {
        multiples[k] = y.multiply(BigDecimal.valueOf(k));
      }
      for (int rep = 0; rep < weights.length; rep++) {
        int w = weights[rep];
        n[rep] += w;
        s[rep] = s[rep] == null ? multiples[w] : s[rep].add(multiples[w]);
      }
    }

    /** Replicate 0 always; the others only where a treated or untouched account was weighed. */
    void rows(List<String> key, List<Row> out) {
      // Replicate 0 weighs every account 1, so a weighed account always leaves a sum there.
      boolean weighed = s1[0] != null || s0[0] != null;
      int last = weighed ? n1.length - 1 : 0;
      for (int rep = 0; rep <= last; rep++) {
        out.add(RowFactory.create(key.get(0), key.get(1), key.get(2), key.get(3), rep, n1[rep], s1[rep], n0[rep], s0[rep],
            minutes, rep == 0 ? early : 0L));
      }
    }
  }
}
