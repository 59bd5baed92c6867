package io.elevate.signin;

import io.elevate.window.WindowStores;
import io.elevate.aws.SessionManagerLink;
import io.elevate.metrics.ElevateMetrics;
import io.elevate.window.ElevationWindow;
import io.elevate.window.StoreUnavailable;

import io.micrometer.core.instrument.Timer;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.authentication.Authenticator;
import org.keycloak.events.Errors;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.protocol.oidc.grants.device.DeviceGrantType;
import org.keycloak.protocol.saml.SamlProtocol;
import org.keycloak.saml.common.constants.GeneralConstants;
import org.keycloak.sessions.AuthenticationSessionModel;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The sign-in gate of the AWS client: lets a user through only with an open, approved elevation window, decides the
 * RelayState (the Session Manager deep link), and refuses, with a page and an event, everything else. Each decision
 * is timed ({@code elevate_gate_seconds}) and each grant or denial counted ({@code elevate_signins_total}, with the
 * event's reason), so operators see a spike of denials or a slow gate without reading events.
 *
 * <p>It fails closed: when the database cannot be asked ({@link StoreUnavailable}), the sign-in is refused with a
 * "try again" page (503) and {@code elevate_reason=store_unavailable}, and no window is carried to the SAML mapper.
 * Keycloak stores events in the same database, so that event may not reach the event store; the gate also logs it.
 */
final class ElevationGateAuthenticator implements Authenticator {

    static final String DETAIL_REASON = "elevate_reason";
    static final String DETAIL_WINDOWS = "elevate_window_ids";
    static final String STORE_UNAVAILABLE = "store_unavailable";
    /** Authentication-session note: the ids of the windows the picker offered, in the order shown. */
    static final String OFFERED = "elevate.offered_window_ids";

    private static final Logger LOG = Logger.getLogger(ElevationGateAuthenticator.class);

    private final Clock clock;

    ElevationGateAuthenticator(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        Timer.Sample timing = ElevateMetrics.gateStarted();
        try {
            decideSignIn(context);
        } catch (RuntimeException e) {
            failClosedUnlessBug(context, e);
        } finally {
            ElevateMetrics.gateDecided(timing);
        }
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        Timer.Sample timing = ElevateMetrics.gateStarted();
        try {
            decidePick(context);
        } catch (RuntimeException e) {
            failClosedUnlessBug(context, e);
        } finally {
            ElevateMetrics.gateDecided(timing);
        }
    }

    private void decideSignIn(AuthenticationFlowContext context) {
        Optional<GateTarget> target = GateTarget.of(client(context));
        GateConfig gate = GateConfig.of(context.getAuthenticatorConfig(), target);
        String requested = context.getAuthenticationSession().getClientNote(GeneralConstants.RELAY_STATE);
        if (requested != null && !gate.relayStatePolicy().allows(requested)) {
            deny(context, Decision.Deny.of("relay_state_refused", "elevateRelayStateRefused"));
            return;
        }
        if (target.isEmpty()) {
            deny(context, Decision.Deny.of("client_not_configured", "elevateClientNotConfigured"));
            return;
        }
        Instant now = clock.instant();
        Decision decision = new WindowSelection(gate, target.get().config())
                .decide(openWindows(context, target.get(), now), requested, now);
        act(context, decision, target.get(), now);
    }

    private void decidePick(AuthenticationFlowContext context) {
        Optional<GateTarget> target = GateTarget.of(client(context));
        GateConfig gate = GateConfig.of(context.getAuthenticatorConfig(), target);
        if (target.isEmpty()) {
            deny(context, Decision.Deny.of("client_not_configured", "elevateClientNotConfigured"));
            return;
        }
        String choice = context.getHttpRequest().getDecodedFormParameters().getFirst("window");
        List<String> offered = GateNotes.windowIds(context.getAuthenticationSession().getAuthNote(OFFERED));
        Instant now = clock.instant();
        Decision decision = new WindowSelection(gate, target.get().config())
                .choose(choice, offered, openWindows(context, target.get(), now), now);
        act(context, decision, target.get(), now);
    }

    private void act(AuthenticationFlowContext context, Decision decision, GateTarget target, Instant now) {
        if (decision instanceof Decision.Deny deny) {
            deny(context, deny);
        } else if (decision instanceof Decision.Pick pick) {
            context.challenge(picker(context, pick, now).createForm(Templates.PICK));
        } else if (decision instanceof Decision.Repick again) {
            context.challenge(picker(context, again.pick(), now).setError(again.messageKey())
                    .createForm(Templates.PICK));
        } else if (decision instanceof Decision.Grant grant) {
            grant(context, grant.windows(), target, now);
        }
    }

    private void grant(AuthenticationFlowContext context, List<ElevationWindow> windows, GateTarget target,
                       Instant now) {
        ElevationAssertion.Plan plan = ElevationAssertion.plan(windows, context.getUser(), target.config(),
                target.endpoint(), now);
        if (plan instanceof ElevationAssertion.Refused refused) {
            deny(context, new Decision.Deny("aws_rules_broken", "elevateAwsRulesBroken", refused.problems()));
            return;
        }
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        List<String> ids = windows.stream().map(ElevationWindow::id).toList();
        authSession.removeAuthNote(OFFERED);
        authSession.setClientNote(GateNotes.WINDOW_IDS, GateNotes.join(ids));
        boolean saml = SamlProtocol.LOGIN_PROTOCOL.equals(authSession.getClient().getProtocol());
        if (saml && authSession.getClientNote(GeneralConstants.RELAY_STATE) == null) {
            windows.stream().filter(w -> w.target().instanceId() != null).findFirst()
                    .ifPresent(w -> authSession.setClientNote(GeneralConstants.RELAY_STATE,
                            SessionManagerLink.forInstance(w.target().instanceId(), w.target().region())));
        }
        context.getEvent().detail(DETAIL_WINDOWS, GateNotes.join(ids));
        context.success();
        ElevateMetrics.signInGranted(authSession.getClient().getClientId());
    }

    /**
     * A database failure becomes a refusal with a "try again" page; anything else is a bug and goes to Keycloak's
     * error handling, which issues no assertion either.
     */
    private static void failClosedUnlessBug(AuthenticationFlowContext context, RuntimeException failure) {
        if (!StoreUnavailable.isCause(failure)) {
            throw failure;
        }
        String user = context.getUser() == null ? null : context.getUser().getUsername();
        LOG.warnf("LOGIN_ERROR %s=%s realm=%s client=%s user=%s: the database did not answer, sign-in refused: %s",
                DETAIL_REASON, STORE_UNAVAILABLE, context.getRealm().getName(), client(context).getClientId(), user,
                failure);
        // The failed query left the JTA transaction unable to commit; without this Keycloak would try, fail, and
        // replace the page below with its generic 500. Rolling back loses nothing: the gate wrote nothing.
        context.getSession().getTransactionManager().setRollbackOnly();
        deny(context, Decision.Deny.of(STORE_UNAVAILABLE, "elevateStoreUnavailable"),
                Response.Status.SERVICE_UNAVAILABLE);
    }

    private static void deny(AuthenticationFlowContext context, Decision.Deny deny) {
        deny(context, deny, Response.Status.FORBIDDEN);
    }

    private static void deny(AuthenticationFlowContext context, Decision.Deny deny, Response.Status status) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        authSession.removeClientNote(GateNotes.WINDOW_IDS);
        if (DeviceGrantType.isOAuth2DeviceVerificationFlow(authSession)) {
            // The device polling the token endpoint gets a clear access_denied instead of waiting until the code expires.
            DeviceGrantType.denyUserCode(context.getSession(), context.getRealm(),
                    authSession.getClientNote(DeviceGrantType.OAUTH2_DEVICE_VERIFIED_USER_CODE));
        }
        try {
            context.getEvent().user(context.getUser()).detail(DETAIL_REASON, deny.reason()).error(Errors.ACCESS_DENIED);
        } catch (RuntimeException e) {
            // Keycloak stores error events at once, in a transaction of their own, in the same database. When the
            // refusal is that the database did not answer, storing fails however Keycloak reports it (a ModelException
            // whose only cause may be the socket's ConnectException): the refusal's page still goes out.
            if (!STORE_UNAVAILABLE.equals(deny.reason()) && !StoreUnavailable.isCause(e)) {
                throw e;
            }
            LOG.warnf("The LOGIN_ERROR event (%s=%s) could not be stored: %s", DETAIL_REASON, deny.reason(), e);
        }
        ElevateMetrics.signInDenied(authSession.getClient().getClientId(), deny.reason());
        Response page = context.form()
                .setStatus(status)
                .setAttribute("elevateMessage", deny.messageKey())
                .setAttribute("elevateDetails", deny.details())
                .createForm(Templates.DENIED);
        context.failure(AuthenticationFlowError.ACCESS_DENIED, page);
    }

    /** The picker's form; the windows it offers are kept in the authentication session to check the answer against. */
    private static org.keycloak.forms.login.LoginFormsProvider picker(AuthenticationFlowContext context,
                                                                       Decision.Pick pick, Instant now) {
        context.getAuthenticationSession().setAuthNote(OFFERED,
                GateNotes.join(pick.choices().stream().map(ElevationWindow::id).toList()));
        return context.form()
                .setAttribute("elevateChoices", pick.choices().stream().map(w -> WindowChoice.of(w, now)).toList())
                .setAttribute("elevateAllowAll", pick.allowAll());
    }

    private static List<ElevationWindow> openWindows(AuthenticationFlowContext context, GateTarget target,
                                                     Instant now) {
        return WindowStores.of(context.getSession()).windows(context.getRealm())
                .openWindowsForSignIn(context.getUser().getId(), target.windowsClient().getId(), now);
    }

    private static ClientModel client(AuthenticationFlowContext context) {
        return context.getAuthenticationSession().getClient();
    }

    @Override
    public boolean requiresUser() {
        return true;
    }

    @Override
    public boolean configuredFor(KeycloakSession session, RealmModel realm, UserModel user) {
        return true;
    }

    @Override
    public void setRequiredActions(KeycloakSession session, RealmModel realm, UserModel user) {
    }

    @Override
    public void close() {
    }
}
