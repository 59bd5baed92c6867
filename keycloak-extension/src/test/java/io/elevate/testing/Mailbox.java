package io.elevate.testing;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.elevate.testing.server.AdminApi;
import io.elevate.testing.server.KeycloakServer;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static io.elevate.testing.server.ElevateBuild.DEMO_REALM;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/** A real SMTP server (GreenMail) on loopback that the demo realm sends its mail to, and what arrived in it. */
public final class Mailbox implements AutoCloseable {

    private final GreenMail smtp;

    private Mailbox(GreenMail smtp) {
        this.smtp = smtp;
    }

    /**
     * Starts the server and points the realm's SMTP settings at it. Skips the calling tests when Keycloak is a
     * container, which cannot reach this machine's loopback.
     */
    public static Mailbox startFor(AdminApi admin) {
        assumeFalse(KeycloakServer.runsInContainer(), "The mail tests need Keycloak to reach GreenMail on this"
                + " machine's loopback: they run in the process-based suite (./mvnw verify), not in -Pcontainers");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        GreenMail smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        admin.put(DEMO_REALM, Map.of("smtpServer", Map.of("host", "127.0.0.1", "port", String.valueOf(port),
                "from", "elevate@elevate.test", "fromDisplayName", "Elevate"))).expectStatus(204);
        return new Mailbox(smtp);
    }

    /** A message to {@code address}: subject and plain text. */
    public record Mail(String to, String subject, String text) {
    }

    /** Waits up to 15 s for a message to {@code address} whose subject contains {@code subject}. */
    public Mail await(String address, String subject) {
        return Await.until("mail to " + address + " about '" + subject + "'", Duration.ofSeconds(15),
                () -> received().stream()
                        .filter(mail -> mail.to().contains(address) && mail.subject().contains(subject)).findFirst(),
                () -> received().toString());
    }

    public List<Mail> to(String address) {
        return received().stream().filter(m -> m.to().contains(address)).toList();
    }

    private List<Mail> received() {
        return Arrays.stream(smtp.getReceivedMessages()).map(Mailbox::read).toList();
    }

    private static Mail read(MimeMessage message) {
        try {
            String to = String.join(",", Arrays.stream(message.getAllRecipients()).map(Address::toString).toList());
            return new Mail(to, message.getSubject(), text(message.getContent()));
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("Unreadable mail", e);
        }
    }

    private static String text(Object content) throws MessagingException, IOException {
        if (content instanceof String text) {
            return text;
        }
        if (content instanceof jakarta.mail.Multipart multipart) {
            StringBuilder all = new StringBuilder();
            for (int i = 0; i < multipart.getCount(); i++) {
                all.append(text(multipart.getBodyPart(i).getContent())).append('\n');
            }
            return all.toString();
        }
        return String.valueOf(content);
    }

    @Override
    public void close() {
        smtp.stop();
    }
}
