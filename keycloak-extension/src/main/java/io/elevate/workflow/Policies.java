package io.elevate.workflow;

import org.jboss.logging.Logger;
import org.keycloak.component.ComponentModel;
import org.keycloak.models.RealmModel;
import org.keycloak.services.ui.extend.UiPageProvider;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The elevation policies of a realm: realm components (so they travel with realm export/import) that the admin
 * console edits as the "Elevation policies" page. A stored policy that no longer reads cleanly is left out (fail
 * closed) and logged. Obtained from the session's store: {@code ElevationStore.of(session).policies(realm)}.
 */
public final class Policies {

    private static final Logger LOG = Logger.getLogger(Policies.class);

    private final RealmModel realm;

    Policies(RealmModel realm) {
        this.realm = realm;
    }

    public List<ElevationPolicy> all() {
        return components().map(Policies::read).flatMap(Optional::stream).toList();
    }

    public Optional<ElevationPolicy> find(String id) {
        return components().filter(c -> c.getId().equals(id)).findFirst().flatMap(Policies::read);
    }

    private Stream<ComponentModel> components() {
        return realm.getComponentsStream(realm.getId(), UiPageProvider.class.getName())
                .filter(c -> ElevationPolicyPageFactory.PROVIDER_ID.equals(c.getProviderId()));
    }

    /**
     * Reads a policy from its stored settings (a component's config, as a realm export carries it) outside a running
     * server, e.g. by a command line tool. Group existence is not checked here.
     *
     * @throws IllegalArgumentException listing every broken rule when the settings do not make a valid policy
     */
    public static ElevationPolicy fromConfig(String id, String name, Map<String, List<String>> config) {
        PolicyConfig.Result result = PolicyConfig.read(id, name, config);
        if (result.policy() == null) {
            throw new IllegalArgumentException("elevation policy '" + name + "' is invalid: " + result.violations()
                    .stream().map(v -> v.field() + " " + v.message()).collect(Collectors.joining("; ")));
        }
        return result.policy();
    }

    static Optional<ElevationPolicy> read(ComponentModel component) {
        PolicyConfig.Result result = PolicyConfig.read(component.getId(), component.getName(), component.getConfig());
        if (result.policy() == null) {
            LOG.warnf("Elevation policy '%s' (%s) is invalid and not used: %s", component.getName(), component.getId(),
                    result.violations());
        }
        return Optional.ofNullable(result.policy());
    }
}
