package io.elevate.notify;

import org.jboss.logging.Logger;
import org.keycloak.component.ComponentModel;
import org.keycloak.models.RealmModel;
import org.keycloak.services.ui.extend.UiPageProvider;

import java.util.stream.Collectors;
import java.util.stream.Stream;

/** A realm's notification settings, from its "Elevate notifications" component; none when it has none. */
public final class RealmNotifications {

    private static final Logger LOG = Logger.getLogger(RealmNotifications.class);

    private RealmNotifications() {
    }

    public static NotificationSettings of(RealmModel realm) {
        return components(realm).findFirst().map(c -> {
            NotificationSettings.Result result = NotificationSettings.read(c.getConfig());
            if (result.settings() == null) {
                LOG.warnf("The notification settings of realm %s are invalid and not used: %s", realm.getName(),
                        result.violations().stream().map(v -> v.field() + " " + v.message())
                                .collect(Collectors.joining("; ")));
                return NotificationSettings.NONE;
            }
            return result.settings();
        }).orElse(NotificationSettings.NONE);
    }

    static Stream<ComponentModel> components(RealmModel realm) {
        return realm.getComponentsStream(realm.getId(), UiPageProvider.class.getName())
                .filter(c -> NotificationsPageFactory.PROVIDER_ID.equals(c.getProviderId()));
    }
}
