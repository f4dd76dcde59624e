package com.saleslift.ingest;

/** The reason codes of docs/inputs.md; every rejected row carries exactly one. */
public enum RejectReason {
  MISSING_REQUIRED,
  BAD_NUMBER,
  BAD_DATE,
  BAD_ENUM,
  NEGATIVE_AMOUNT,
  ORPHAN,
  DUPLICATE_CONFLICT,
  BAD_RANGE,
  UNKNOWN_CURRENCY,
  MALFORMED_ROW
}
