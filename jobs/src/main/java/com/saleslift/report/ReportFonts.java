package com.saleslift.report;

import java.awt.Font;
import java.awt.FontFormatException;
import java.awt.GraphicsEnvironment;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one font family of the report, DejaVu Sans, shipped in the jar so charts look the same on
 * every machine and the PDF can embed it (text stays searchable). Registered with AWT once, so
 * JFreeChart measures text with the same font the PDF embeds.
 */
public final class ReportFonts {
  public static final String REGULAR_RESOURCE = "/fonts/DejaVuSans.ttf";
  public static final String BOLD_RESOURCE = "/fonts/DejaVuSans-Bold.ttf";

  // Loaded on first use, not in a static initializer: a failure must reach the run as an
  // ordinary exception with its reason, not as an ExceptionInInitializerError.
  private static final Map<String, Font> LOADED = new ConcurrentHashMap<>();

  private ReportFonts() {}

  public static Font regular(float size) {
    return font(REGULAR_RESOURCE).deriveFont(Font.PLAIN, size);
  }

  public static Font bold(float size) {
    return font(BOLD_RESOURCE).deriveFont(Font.PLAIN, size);
  }

  /** The AWT font name pdfbox-graphics2d matches fonts by, for each resource. */
  public static String nameOf(String resource) {
    return font(resource).getFontName();
  }

  private static Font font(String resource) {
    return LOADED.computeIfAbsent(resource, ReportFonts::register);
  }

  public static InputStream open(String resource) {
    InputStream in = ReportFonts.class.getResourceAsStream(resource);
    if (in == null) {
      throw new IllegalStateException("font missing from the jar: " + resource);
    }
    return in;
  }

  private static Font register(String resource) {
    try (InputStream in = open(resource)) {
      Font font = Font.createFont(Font.TRUETYPE_FONT, in);
      GraphicsEnvironment.getLocalGraphicsEnvironment().registerFont(font);
      return font;
    } catch (IOException e) {
      // AWT copies the font into the temp folder first: a full temp disk fails here.
      throw new UncheckedIOException("cannot load the report font " + resource + " through the temp folder "
          + System.getProperty("java.io.tmpdir") + ": " + e.getMessage(), e);
    } catch (FontFormatException e) {
      throw new IllegalStateException("bad font " + resource, e);
    }
  }
}
