package com.saleslift.ingest;

/**
 * Column names of the input contract that the later stages (validation, the model, every metric)
 * join and group on, declared once.
 */
public final class InputColumns {
  /** The account a row belongs to: the key of accounts, and the foreign key of most other tables. */
  public static final String ACCOUNT_ID = "account_id";

  private InputColumns() {}
}
