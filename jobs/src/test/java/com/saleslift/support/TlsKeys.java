package com.saleslift.support;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A key and self-signed certificate for 127.0.0.1 (made by the JDK's keytool), for a TLS server
 * in a test, and the client side that trusts exactly that certificate.
 */
public final class TlsKeys {
  private static final char[] PASSWORD = "changeit".toCharArray();
  private final KeyStore store;

  private TlsKeys(KeyStore store) {
    this.store = store;
  }

  public static TlsKeys forLoopback(Path dir) throws IOException, InterruptedException, GeneralSecurityException {
    return forName(dir, "ip:127.0.0.1");
  }

  /** A certificate for another name ({@code dns:other.example}): trusted, but not 127.0.0.1's. */
  public static TlsKeys forName(Path dir, String subjectAlternativeName)
      throws IOException, InterruptedException, GeneralSecurityException {
    Path file = dir.resolve(subjectAlternativeName.replaceAll("[^a-z0-9.]", "_") + ".p12");
    Process keytool = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
        "-genkeypair", "-alias", "loopback", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + subjectAlternativeName.substring(subjectAlternativeName.indexOf(':') + 1),
        "-ext", "SAN=" + subjectAlternativeName, "-validity", "2", "-keystore", file.toString(), "-storetype", "PKCS12",
        "-storepass", "changeit", "-keypass", "changeit")).redirectErrorStream(true).start();
    String said = new String(keytool.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    if (keytool.waitFor() != 0) {
      throw new IOException("keytool failed: " + said);
    }
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(file)) {
      store.load(in, PASSWORD);
    }
    return new TlsKeys(store);
  }

  /** The server's side: its key and certificate. */
  public SSLContext server() throws GeneralSecurityException {
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(store, PASSWORD);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keys.getKeyManagers(), null, null);
    return context;
  }

  /** A client that trusts this certificate and nothing else. */
  public SSLContext client() throws GeneralSecurityException {
    TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(store);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trust.getTrustManagers(), null);
    return context;
  }
}
