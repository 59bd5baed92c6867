package io.elevate.cli.testing;

import io.elevate.testing.aws.SelfSignedTls;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import javax.net.ssl.SSLContext;

/**
 * TLS for the AWS stand-ins: keycloak-extension's {@link SelfSignedTls} certificate for {@code localhost}, and a
 * trust store holding just that certificate, for the {@code elevate} JVM under test.
 */
public final class LocalTls {

    private static final String PASSWORD = "stand-in";

    private final SSLContext server;
    private final Path trustStore;

    private LocalTls(SSLContext server, Path trustStore) {
        this.server = server;
        this.trustStore = trustStore;
    }

    public static LocalTls create(Path directory) {
        SSLContext server = SelfSignedTls.serverContext(directory, List.of("localhost"));
        try {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(directory.resolve("keystore.p12"))) {
                keys.load(in, PASSWORD.toCharArray());
            }
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            trusted.setCertificateEntry("aws-stand-in", keys.getCertificate(keys.aliases().nextElement()));
            Path trustStore = directory.resolve("truststore.p12");
            try (OutputStream out = Files.newOutputStream(trustStore)) {
                trusted.store(out, PASSWORD.toCharArray());
            }
            return new LocalTls(server, trustStore);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public SSLContext serverContext() {
        return server;
    }

    /** JVM options to trust the stand-ins' certificate instead of the JDK's CAs (the tests reach nothing else over TLS). */
    public List<String> jvmOptions() {
        return List.of("-Djavax.net.ssl.trustStore=" + trustStore, "-Djavax.net.ssl.trustStorePassword=" + PASSWORD,
                "-Djavax.net.ssl.trustStoreType=PKCS12");
    }
}
