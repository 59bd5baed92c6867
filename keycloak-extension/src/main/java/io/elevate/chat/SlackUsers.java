package io.elevate.chat;

import io.elevate.notify.SlackApi;

import com.slack.api.methods.response.users.UsersInfoResponse;
import com.slack.api.model.User;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import java.util.List;
import java.util.Map;

/**
 * Who a Slack user is in the realm. First Slack is asked about the user (users.info), before any work in the
 * database: a user Slack marks as a stranger (Slack Connect: someone of another organisation in a shared channel), of
 * another workspace than the realm's, deleted or a bot is refused. Then the one user whose attribute
 * {@value #ATTRIBUTE} holds the Slack user id, else the one user whose verified email is the Slack profile's email.
 * No match or several: refused, with why.
 */
final class SlackUsers {

    /** The user attribute with the Slack user id (U0123ABCD); set it where emails differ between Slack and Keycloak. */
    static final String ATTRIBUTE = "slackUserId";

    private SlackUsers() {
    }

    /** The user, or why none. */
    record Match(UserModel user, String refusal) {
        static Match of(UserModel user) {
            return new Match(user, null);
        }

        static Match refused(String why) {
            return new Match(null, why);
        }
    }

    /** What Slack says of the user: their profile's email (may be null), or why they are refused. */
    record Profile(String slackUserId, String email, String refusal) {
    }

    /** Asks Slack about the user (users.info): call it before any database work, it waits on Slack. */
    static Profile ask(String token, String slackUserId, String teamId) {
        UsersInfoResponse info;
        try {
            info = SlackApi.methods(token).usersInfo(r -> r.user(slackUserId));
        } catch (Exception e) {
            return new Profile(slackUserId, null,
                    "Elevate could not ask Slack who you are; try again or decide in the portal");
        }
        if (!info.isOk() || info.getUser() == null) {
            return new Profile(slackUserId, null, "Slack did not tell Elevate your email address, so Elevate cannot"
                    + " tell who you are; decide in the portal");
        }
        String refusal = refusal(info.getUser(), teamId);
        String email = info.getUser().getProfile() == null ? null : info.getUser().getProfile().getEmail();
        return new Profile(slackUserId, email, refusal);
    }

    /**
     * Why Slack's user may not decide here, or null: a stranger (Slack Connect), of another workspace than
     * {@code teamId} (when set), deleted, or a bot.
     */
    static String refusal(User user, String teamId) {
        if (user.isStranger()) {
            return "you are outside this organisation's Slack workspace (Slack Connect); decide in the portal";
        }
        if (teamId != null && !teamId.equals(user.getTeamId())
                && (user.getTeams() == null || !user.getTeams().contains(teamId))) {
            return "your Slack account is not of this organisation's workspace; decide in the portal";
        }
        if (user.isDeleted() || user.isBot()) {
            return "this Slack account cannot decide requests";
        }
        return null;
    }

    static Match find(KeycloakSession session, RealmModel realm, Profile profile) {
        if (profile.refusal() != null) {
            return Match.refused(profile.refusal());
        }
        String slackUserId = profile.slackUserId();
        List<UserModel> byAttribute = session.users()
                .searchForUserByUserAttributeStream(realm, ATTRIBUTE, slackUserId).limit(2).toList();
        if (byAttribute.size() > 1) {
            return Match.refused("more than one Elevate user has the Slack user id " + slackUserId
                    + "; ask an administrator to fix the attribute " + ATTRIBUTE);
        }
        if (byAttribute.size() == 1) {
            return enabled(byAttribute.get(0));
        }
        String email = profile.email();
        if (email == null) {
            return Match.refused("Slack did not tell Elevate your email address, so Elevate cannot tell who you"
                    + " are; decide in the portal");
        }
        List<UserModel> byEmail = session.users().searchForUserStream(realm,
                        Map.of(UserModel.EMAIL, email, UserModel.EXACT, "true"), 0, 3)
                .filter(u -> email.equalsIgnoreCase(u.getEmail())).toList();
        if (byEmail.isEmpty()) {
            return Match.refused("no Elevate user has your Slack email address " + email + "; decide in the portal");
        }
        if (byEmail.size() > 1) {
            return Match.refused("more than one Elevate user has your Slack email address " + email
                    + "; decide in the portal");
        }
        UserModel user = byEmail.get(0);
        if (!user.isEmailVerified()) {
            return Match.refused("your email address " + email + " is not verified in Elevate; decide in the"
                    + " portal");
        }
        return enabled(user);
    }

    private static Match enabled(UserModel user) {
        return user.isEnabled() ? Match.of(user) : Match.refused("your Elevate account is disabled");
    }
}
