package com.saleslift.model;

/** Column names the normalised model adds to the canonical ones. */
public final class Columns {
  public static final String SIZE_BAND = "size_band";
  public static final String CHANNEL = "channel";
  public static final String FIRST_PAID_DATE = "first_paid_date";
  public static final String AMOUNT_BASE = "amount_base";
  public static final String MRR_BASE = "mrr_base";
  public static final String ASSISTED = "assisted";
  public static final String SALES_LED = "SALES_LED";
  public static final String PRODUCT_LED = "PRODUCT_LED";

  private Columns() {}
}
