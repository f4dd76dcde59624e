package com.saleslift.notify;

import java.util.List;

/** One way a notice leaves SalesLift: an e-mail, a webhook. */
interface Channel {
  /** "email" or "webhook", as `_notify` records name it. */
  String name();

  /** Where it goes, without secrets: "smtp.example.com:587", "hooks.slack.com". */
  String target();

  void send(Notice notice) throws DeliveryException;

  /** The values that must never be printed or recorded: a password, a webhook URL. */
  List<String> secrets();

  /** A send that did not arrive; a permanent one (refused credentials, a 404) is not tried again. */
  final class DeliveryException extends Exception {
    private final boolean permanent;

    DeliveryException(String message, boolean permanent) {
      super(message);
      this.permanent = permanent;
    }

    boolean permanent() {
      return permanent;
    }
  }

  /** The first line of a failure and of its root cause: "MailConnectException: Couldn't connect ... (Connection refused)". */
  static String describe(Throwable e) {
    String said = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage().lines().findFirst().orElse(""));
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    if (root != e && root.getMessage() != null && !said.contains(root.getMessage().lines().findFirst().orElse(""))) {
      said += " (" + root.getMessage().lines().findFirst().orElse("") + ")";
    }
    return said;
  }
}
