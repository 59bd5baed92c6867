package io.elevate.signin;

import org.keycloak.models.UserModel;

/** Reads the user property a mapper setting names: username, email, id, or else a user attribute. */
final class UserProperty {

    static final String USERNAME = "username";

    private UserProperty() {
    }

    static String read(UserModel user, String property) {
        return switch (property) {
            case USERNAME -> user.getUsername();
            case "email" -> user.getEmail();
            case "id" -> user.getId();
            default -> user.getFirstAttribute(property);
        };
    }
}
