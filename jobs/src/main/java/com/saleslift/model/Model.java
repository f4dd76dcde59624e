package com.saleslift.model;

import com.saleslift.table.DataSupport;
import com.saleslift.validate.Hierarchy;
import com.saleslift.validate.UsageRollup;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The normalised model every metric reads: amounts in the base currency, the "not yet" rule
 * applied (a close, end, ship or notify date after the run date is read as not happened), and
 * each account's segment, size band, first paid date and channel resolved once. Usage events
 * come rolled up ({@link UsageRollup}). {@code support} says which metric tables the input can fill.
 */
public record Model(
    Calendar calendar,
    Dataset<Row> accounts,
    Dataset<Row> reps,
    Dataset<Row> products,
    Dataset<Row> targets,
    Dataset<Row> opportunities,
    Dataset<Row> activities,
    Dataset<Row> subscriptions,
    UsageRollup usage,
    Dataset<Row> featureRequests,
    Hierarchy hierarchy,
    DataSupport support) {}
