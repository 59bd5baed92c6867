package io.elevate.notify;

import io.elevate.window.ElevationWindow;
import io.elevate.window.RequestInfo;
import io.elevate.window.TestWindows;
import io.elevate.window.WindowStatus;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Hand-made notices for unit tests. */
final class TestNotices {

    static final String JUSTIFICATION = "INC42: web tier down <script>alert('x')</script> \"quoted\" & more";

    private TestNotices() {
    }

    static Notice requested(String displayName) {
        ElevationWindow w = TestWindows.window("e-1", TestWindows.target(Map.of("AppId", "ABC")),
                TestWindows.NOW, TestWindows.NOW.plus(Duration.ofMinutes(60)));
        ElevationWindow requested = new ElevationWindow(w.id(), w.realmId(), w.userId(), w.clientId(), w.target(),
                w.startsAt(), w.endsAt(), WindowStatus.REQUESTED, JUSTIFICATION, "operator", null, w.createdAt(),
                null, null, null, new RequestInfo("policy-1", "INC42", false, 1, null, null, null, null, null, null,
                null, null, 0, false));
        Notice.Person requester = new Notice.Person("operator", displayName, "operator@elevate.test");
        return new Notice(Notice.Kind.REQUESTED, requested, requester,
                List.of(new Notice.Person("approver", "Approver", "approver@elevate.test")),
                "https://sso.example.com/realms/demo/elevation/portal");
    }

    /** An approved window of {@link #requested} whose requester asks for {@code minutes} more. */
    static ElevationWindow extensionAsked(ElevationWindow w, int minutes, String why) {
        RequestInfo r = w.request();
        return new ElevationWindow(w.id(), w.realmId(), w.userId(), w.clientId(), w.target(), w.startsAt(),
                w.endsAt(), WindowStatus.APPROVED, w.justification(), w.createdBy(), "approver", w.createdAt(), null,
                null, null, new RequestInfo(r.policyId(), r.ticket(), false, 1, null, "approver", w.startsAt(), null,
                null, null, minutes, why, 1, false));
    }

    /** A break-glass window, open and not yet reviewed, as its BREAK_GLASS notice carries it. */
    static Notice breakGlass(String displayName) {
        Notice requested = requested(displayName);
        ElevationWindow w = requested.window();
        ElevationWindow open = new ElevationWindow(w.id(), w.realmId(), w.userId(), w.clientId(), w.target(),
                w.startsAt(), w.endsAt(), WindowStatus.APPROVED, w.justification(), w.createdBy(), null,
                w.createdAt(), null, null, null, new RequestInfo("policy-1", "INC42", true, 1, null, null, null, null,
                null, null, null, null, 0, false));
        return new Notice(Notice.Kind.BREAK_GLASS, open, requested.requester(), requested.recipients(),
                requested.portalUrl());
    }

    /** {@code notice} as the notice of {@code kind} about {@code window}. */
    static Notice as(Notice notice, Notice.Kind kind, ElevationWindow window) {
        return new Notice(kind, window, notice.requester(), notice.recipients(), notice.portalUrl());
    }
}
