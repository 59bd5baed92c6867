package io.elevate.chat;

import io.elevate.notify.SlackApi;

import com.slack.api.methods.response.users.UsersInfoResponse;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import java.util.List;
import java.util.Map;

/**
 * Who a Slack user is in the realm: the one user whose attribute {@value #ATTRIBUTE} holds the Slack user id, else
 * the one user whose verified email is the Slack profile's email (users.info). No match or several: refused, with
 * why.
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

    static Match find(KeycloakSession session, RealmModel realm, String token, String slackUserId) {
        List<UserModel> byAttribute = session.users()
                .searchForUserByUserAttributeStream(realm, ATTRIBUTE, slackUserId).limit(2).toList();
        if (byAttribute.size() > 1) {
            return Match.refused("more than one Elevate user has the Slack user id " + slackUserId
                    + "; ask an administrator to fix the attribute " + ATTRIBUTE);
        }
        if (byAttribute.size() == 1) {
            return enabled(byAttribute.get(0));
        }
        UsersInfoResponse info;
        try {
            info = SlackApi.methods(token).usersInfo(r -> r.user(slackUserId));
        } catch (Exception e) {
            return Match.refused("Elevate could not ask Slack who you are; try again or decide in the portal");
        }
        if (!info.isOk() || info.getUser() == null || info.getUser().getProfile() == null
                || info.getUser().getProfile().getEmail() == null) {
            return Match.refused("Slack did not tell Elevate your email address, so Elevate cannot tell who you"
                    + " are; decide in the portal");
        }
        String email = info.getUser().getProfile().getEmail();
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
