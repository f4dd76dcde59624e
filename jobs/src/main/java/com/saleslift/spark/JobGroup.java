package com.saleslift.spark;

import org.apache.spark.SparkContext;

/**
 * Labels the Spark jobs of one step (the UI, the logs and {@link JobCounter} read the label) and
 * puts the label that was there before back afterwards, as Iceberg's `withJobGroupInfo` does: a
 * label left set would be carried by every later job of the thread.
 *
 * <p>A step's group id starts with its stage's name and a dash (`validate-accounts` in
 * `validate`), so jobs are counted per stage whatever step ran them.
 */
public final class JobGroup implements AutoCloseable {
  private static final String ID = "spark.jobGroup.id";
  private static final String DESCRIPTION = "spark.job.description";

  private final SparkContext spark;
  private final String previousId;
  private final String previousDescription;

  private JobGroup(SparkContext spark) {
    this.spark = spark;
    this.previousId = spark.getLocalProperty(ID);
    this.previousDescription = spark.getLocalProperty(DESCRIPTION);
  }

  /** Labels the jobs of {@code step} of {@code stage} as `stage-step` until {@link #close}. */
  public static JobGroup of(SparkContext spark, String stage, String step, String description) {
    JobGroup group = new JobGroup(spark);
    spark.setJobGroup(stage + "-" + step, description, false);
    return group;
  }

  /** Labels the jobs of a whole stage with its name until {@link #close}; its steps label theirs inside it. */
  public static JobGroup stage(SparkContext spark, String stage) {
    JobGroup group = new JobGroup(spark);
    spark.setJobGroup(stage, stage, false);
    return group;
  }

  /** The label that was there before. */
  @Override
  public void close() {
    if (previousId == null) {
      spark.clearJobGroup();
    } else {
      spark.setJobGroup(previousId, previousDescription, false);
    }
  }

  /** The stage of a job group id: the part before the first dash. */
  static String stageOf(String groupId) {
    int dash = groupId.indexOf('-');
    return dash < 0 ? groupId : groupId.substring(0, dash);
  }
}
