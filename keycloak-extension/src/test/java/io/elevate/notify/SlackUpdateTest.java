package io.elevate.notify;

import io.elevate.window.ElevationWindow;
import io.elevate.window.RequestInfo;
import io.elevate.window.WindowStatus;

import com.slack.api.methods.response.chat.ChatUpdateResponse;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Rewriting the Slack messages of a request")
class SlackUpdateTest {

    private static ElevationWindow rejected(ElevationWindow w) {
        RequestInfo r = w.request();
        return new ElevationWindow(w.id(), w.realmId(), w.userId(), w.clientId(), w.target(), w.startsAt(),
                w.endsAt(), WindowStatus.REJECTED, w.justification(), w.createdBy(), null, w.createdAt(), null, null,
                null, new RequestInfo(r.policyId(), r.ticket(), r.breakGlass(), r.approvalsRequired(), null,
                "approver", w.startsAt(), "no", null, null, null, null, r.round(), false));
    }

    private static SlackUpdateTest.Calls calls() {
        return new Calls();
    }

    private static final class Calls implements SlackSender.MessageUpdate {
        final List<String> shown = new ArrayList<>();

        @Override
        public SlackApi.Result<ChatUpdateResponse> run(String channel, String ts, SlackSender.Rendered rendered) {
            shown.add(channel + "|" + ts + " " + SlackMessages.json(rendered.blocks()));
            ChatUpdateResponse ok = new ChatUpdateResponse();
            ok.setOk(true);
            return new SlackApi.Result<>(ok, null);
        }
    }

    @Nested
    @DisplayName("given an update row built while the request waited, sent after it was rejected")
    class OutOfOrder {

        @Test
        @DisplayName("then each chat.update shows the state read just before it: no Approve or Reject any more")
        void readsTheStateAtTheCall() {
            Notice notice = TestNotices.requested("Olga Operator");
            AtomicReference<ElevationWindow> stored = new AtomicReference<>(notice.window());
            Calls calls = calls();
            // the row was claimed (and once rendered) while the request waited ...
            assertThat(SlackMessages.json(SlackMessages.blocks(notice, stored.get(), false)))
                    .contains(SlackMessages.APPROVE);
            // ... and another transaction's update rejected it before this row's call
            stored.set(rejected(notice.window()));

            Outcome outcome = SlackSender.update(List.of("C0DEFAULT1|1.000", "D0APPROVER|2.000"),
                    () -> Optional.of(new SlackSender.Rendered(SlackMessages.fallback(notice, stored.get()),
                            SlackMessages.blocks(notice, stored.get(), false))), calls);

            assertThat(outcome.ok()).isTrue();
            assertThat(calls.shown).hasSize(2).allSatisfy(shown -> assertThat(shown).contains("Rejected by approver")
                    .doesNotContain(SlackMessages.APPROVE).doesNotContain(SlackMessages.REJECT));
        }

        @Test
        @DisplayName("then a request gone since is not rewritten")
        void gone() {
            Calls calls = calls();

            Outcome outcome = SlackSender.update(List.of("C0DEFAULT1|1.000"), Optional::empty, calls);

            assertThat(outcome.ok()).isFalse();
            assertThat(outcome.permanent()).isTrue();
            assertThat(calls.shown).isEmpty();
        }
    }
}
