package com.saleslift.ingest;

import java.util.Map;

/**
 * One rejected row: where it came from, why, and its fields (canonical column -> text as read,
 * or as parsed for rows rejected after parsing).
 */
public record Reject(String sourceFile, long line, RejectReason reason, String column, String detail,
    Map<String, String> fields) {}
