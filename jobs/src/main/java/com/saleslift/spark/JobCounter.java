package com.saleslift.spark;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;

/**
 * Counts the Spark jobs of one run per stage (from their {@link JobGroup} label), for run.json,
 * the benchmark and the test that keeps a budget of jobs per stage: each job costs planning and
 * scheduling whatever its size, which on a small company is most of a run's time.
 */
public final class JobCounter extends SparkListener implements AutoCloseable {
  /** Jobs started with no label: none should be, a test says so. */
  public static final String UNLABELLED = "unlabelled";
  private static final long DRAIN_MILLIS = 10_000;

  private final SparkContext spark;
  private final Map<String, AtomicInteger> jobs = new ConcurrentHashMap<>();

  private JobCounter(SparkContext spark) {
    this.spark = spark;
  }

  /** Starts counting the jobs submitted from now on, until {@link #close}. */
  public static JobCounter start(SparkContext spark) {
    JobCounter counter = new JobCounter(spark);
    spark.addSparkListener(counter);
    return counter;
  }

  @Override
  public void onJobStart(SparkListenerJobStart jobStart) {
    String group = jobStart.properties() == null ? null : jobStart.properties().getProperty("spark.jobGroup.id");
    jobs.computeIfAbsent(group == null ? UNLABELLED : JobGroup.stageOf(group), k -> new AtomicInteger()).incrementAndGet();
  }

  /**
   * Jobs per stage, in stage-name order. Listeners hear of jobs on Spark's event thread, a little
   * after they start; the queue is drained first so that every job submitted so far is counted.
   */
  public Map<String, Integer> perStage() {
    try {
      spark.listenerBus().waitUntilEmpty(DRAIN_MILLIS);
    } catch (TimeoutException busy) {
      // Counted as far as heard: a count for run.json is not worth holding a run.
    }
    Map<String, Integer> counts = new TreeMap<>();
    jobs.forEach((stage, n) -> counts.put(stage, n.get()));
    return counts;
  }

  @Override
  public void close() {
    spark.removeSparkListener(this);
  }
}
