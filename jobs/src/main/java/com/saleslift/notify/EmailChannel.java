package com.saleslift.notify;

import com.saleslift.config.SalesLiftConfig;
import jakarta.activation.DataHandler;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Properties;

/**
 * The notice as an e-mail through SMTP (Jakarta Mail): a text and an HTML part, and report.pdf
 * attached when asked and at most {@link #MAX_ATTACHMENT_BYTES}. With `starttls` the connection
 * must be upgraded to TLS and the server's certificate must match its name before anything,
 * credentials included, is sent; without it, plain SMTP for a relay on the same host or network.
 */
final class EmailChannel implements Channel {
  static final long MAX_ATTACHMENT_BYTES = 10L * 1024 * 1024;

  private final SalesLiftConfig.Email settings;
  private final String password;
  private final DeliveryPolicy policy;
  /** Session properties a test adds (a trust store for its own server's certificate). */
  private final Properties extra;

  EmailChannel(SalesLiftConfig.Email settings, String password, DeliveryPolicy policy, Properties extra) {
    this.settings = settings;
    this.password = password;
    this.policy = policy;
    this.extra = extra;
  }

  @Override
  public String name() {
    return "email";
  }

  @Override
  public String target() {
    return settings.smtpHost() + ":" + settings.smtpPort();
  }

  @Override
  public List<String> secrets() {
    return password == null ? List.of() : List.of(password);
  }

  @Override
  public void send(Notice notice) throws DeliveryException {
    if (settings.username() != null && password == null) {
      throw new DeliveryException("the environment variable " + settings.passwordEnv() + " (the SMTP password of "
          + settings.username() + ") is not set", true);
    }
    try {
      MimeMessage message = message(Session.getInstance(properties()), notice);
      if (settings.username() != null) {
        Transport.send(message, settings.username(), password);
      } else {
        Transport.send(message);
      }
    } catch (AuthenticationFailedException e) {
      throw new DeliveryException("the SMTP server refused the credentials of " + settings.username(), true);
    } catch (SendFailedException e) {
      // An address the server will not take stays so however often it is asked.
      throw new DeliveryException(Channel.describe(e), e.getInvalidAddresses() != null && e.getInvalidAddresses().length > 0);
    } catch (MessagingException | IOException e) {
      throw new DeliveryException(Channel.describe(e), false);
    }
  }

  private Properties properties() {
    Properties p = new Properties();
    p.put("mail.smtp.host", settings.smtpHost());
    p.put("mail.smtp.port", String.valueOf(settings.smtpPort()));
    p.put("mail.smtp.connectiontimeout", String.valueOf(policy.connect().toMillis()));
    p.put("mail.smtp.timeout", String.valueOf(policy.read().toMillis()));
    p.put("mail.smtp.writetimeout", String.valueOf(policy.read().toMillis()));
    p.put("mail.smtp.auth", String.valueOf(settings.username() != null));
    if (settings.starttls()) {
      p.put("mail.smtp.starttls.enable", "true");
      p.put("mail.smtp.starttls.required", "true");
      p.put("mail.smtp.ssl.checkserveridentity", "true");
    }
    p.putAll(extra);
    return p;
  }

  MimeMessage message(Session session, Notice notice) throws MessagingException, IOException {
    MimeMessage message = new MimeMessage(session);
    message.setFrom(new InternetAddress(settings.from(), true));
    List<InternetAddress> to = new ArrayList<>();
    for (String address : settings.to()) {
      to.add(new InternetAddress(address, true));
    }
    message.setRecipients(Message.RecipientType.TO, to.toArray(InternetAddress[]::new));
    message.setSubject(notice.subject(), "UTF-8");
    message.setSentDate(new Date());
    // RFC 3834: an automatic message, so that out-of-office replies do not answer it.
    message.setHeader("Auto-Submitted", "auto-generated");

    NoticeText.Attachment attachment = attachment(notice);
    MimeMultipart alternative = new MimeMultipart("alternative");
    MimeBodyPart text = new MimeBodyPart();
    text.setText(NoticeText.plain(notice, attachment), "UTF-8");
    MimeBodyPart html = new MimeBodyPart();
    html.setText(NoticeText.html(notice, attachment), "UTF-8", "html");
    alternative.addBodyPart(text);
    alternative.addBodyPart(html);
    if (attachment != NoticeText.Attachment.ATTACHED) {
      message.setContent(alternative);
    } else {
      MimeBodyPart body = new MimeBodyPart();
      body.setContent(alternative);
      MimeBodyPart pdf = new MimeBodyPart();
      pdf.setDataHandler(new DataHandler(new ByteArrayDataSource(Files.readAllBytes(notice.report()), "application/pdf")));
      pdf.setFileName("report.pdf");
      pdf.setDisposition(Part.ATTACHMENT);
      // Base64 always: a PDF that happens to look like text would otherwise travel as 7bit, its line ends rewritten.
      pdf.setHeader("Content-Transfer-Encoding", "base64");
      MimeMultipart mixed = new MimeMultipart("mixed");
      mixed.addBodyPart(body);
      mixed.addBodyPart(pdf);
      message.setContent(mixed);
    }
    message.saveChanges();
    return message;
  }

  private NoticeText.Attachment attachment(Notice notice) throws IOException {
    if (!settings.attachPdf() || notice.report() == null || !Files.isRegularFile(notice.report())) {
      return NoticeText.Attachment.NOT_ATTACHED;
    }
    return Files.size(notice.report()) <= MAX_ATTACHMENT_BYTES ? NoticeText.Attachment.ATTACHED : NoticeText.Attachment.TOO_LARGE;
  }
}
