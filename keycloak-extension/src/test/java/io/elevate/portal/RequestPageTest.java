package io.elevate.portal;

import static org.assertj.core.api.Assertions.assertThat;

import io.elevate.audit.AuditRecord;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A request's page, its life")
class RequestPageTest {

    private static final PageFrame FRAME = new PageFrame("Ada", "ada", "https://kc/p", "https://kc/out", "now", false,
            false, false);

    private static List<AuditView.Entry> records(int count) {
        return IntStream.range(0, count).mapToObj(i -> new AuditView.Entry(new AuditRecord("a" + i,
                Instant.EPOCH.plusSeconds(i), "OS_CREDENTIAL_RETRY", "w-1", null, "system", null, "{state=RETRY}"),
                "system", null, null, null, null, List.of(), null, false, null, null, null)).toList();
    }

    @Test
    @DisplayName("given more records than the page lists, then it lists the oldest and says that there are more")
    void cutSaysSo() {
        RequestPage page = new RequestPage(FRAME, null, records(4), 3);

        assertThat(page.getLife()).extracting(e -> e.record().id()).containsExactly("a0", "a1", "a2");
        assertThat(page.isCut()).isTrue();
    }

    @Test
    @DisplayName("given as many records as the page lists, then all are listed and nothing is said to be missing")
    void wholeLife() {
        RequestPage page = new RequestPage(FRAME, null, records(3), 3);

        assertThat(page.getLife()).hasSize(3);
        assertThat(page.isCut()).isFalse();
    }
}
