package io.elevate.portal;

import io.elevate.audit.Actor;
import io.elevate.insight.Overseers;
import io.elevate.validation.Violation;
import io.elevate.workflow.ElevationPolicy;
import io.elevate.workflow.ElevationPolicyPageFactory;
import io.elevate.workflow.ElevationStore;
import io.elevate.workflow.Policies;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.keycloak.common.util.MultivaluedHashMap;
import org.keycloak.component.ComponentFactory;
import org.keycloak.component.ComponentModel;
import org.keycloak.component.ComponentValidationException;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelDuplicateException;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.ui.extend.UiPageProvider;

import java.net.URI;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The policies page of realm admins ({@code manage-realm}): every elevation policy by name, and a form to create, edit
 * and delete one. A policy is the same realm component the admin console edits; a save goes through the realm's
 * component store, so the component factory validates it exactly as for the admin API and the console, and a refusal
 * is the form again with every broken rule. Each change is audited.
 */
final class PolicyPages {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final UserModel user;
    private final PageFrame frame;
    private final PortalPages pages;
    private final Instant now;

    PolicyPages(KeycloakSession session, RealmModel realm, UserModel user, PageFrame frame, Instant now) {
        this.session = session;
        this.realm = realm;
        this.user = user;
        this.frame = frame;
        this.pages = new PortalPages(session, realm);
        this.now = now;
    }

    boolean allowed() {
        return Overseers.mayManagePolicies(realm, user);
    }

    Response refused() {
        return pages.error(403, "elevatePortalNotPolicyAdmin", null, user, frame.getPortalUrl());
    }

    Response list(String csrf, String flash) {
        List<PolicyList.Row> rows = components().map(c -> {
            try {
                ElevationPolicy policy = Policies.fromConfig(c.getId(), c.getName(), c.getConfig());
                return new PolicyList.Row(c.getId(), c.getName(), policy, null, frame.getPortalUrl());
            } catch (IllegalArgumentException e) {
                return new PolicyList.Row(c.getId(), c.getName(), null, e.getMessage(), frame.getPortalUrl());
            }
        }).sorted(Comparator.comparing(PolicyList.Row::getName, String.CASE_INSENSITIVE_ORDER)).toList();
        return pages.page(PortalPages.POLICIES, new PolicyList(frame, rows, csrf, flash), 200, user);
    }

    Response form(String id, String csrf) {
        PolicyForm form = form();
        if (id == null) {
            return pages.page(PortalPages.POLICY, new PolicyEdit(frame, null, "", form.fields(Map.of()), List.of(),
                    csrf), 200, user);
        }
        Optional<ComponentModel> component = component(id);
        if (component.isEmpty()) {
            return pages.error(404, "elevatePortalNoPolicy", null, user, frame.getPortalUrl());
        }
        return pages.page(PortalPages.POLICY, new PolicyEdit(frame, id, component.get().getName(),
                form.fields(component.get().getConfig()), List.of(), csrf), 200, user);
    }

    /** Creates ({@code id} null) or updates a policy from the form; a refusal is the form again, nothing changed. */
    Response save(String id, MultivaluedMap<String, String> params, String csrf) {
        PolicyForm form = form();
        Optional<ComponentModel> existing = id == null ? Optional.empty() : component(id);
        if (id != null && existing.isEmpty()) {
            return pages.error(404, "elevatePortalNoPolicy", null, user, frame.getPortalUrl());
        }
        PolicyForm.Read read = form.read(params);
        List<Violation> violations = read.violations();
        if (violations.isEmpty()) {
            ComponentModel model = existing.map(ComponentModel::new).orElseGet(ComponentModel::new);
            model.setName(read.name());
            model.setProviderId(ElevationPolicyPageFactory.PROVIDER_ID);
            model.setProviderType(UiPageProvider.class.getName());
            model.setParentId(realm.getId());
            MultivaluedHashMap<String, String> config = new MultivaluedHashMap<>();
            read.config().forEach(config::put);
            model.setConfig(config);
            try {
                if (id == null) {
                    ComponentModel created = realm.addComponentModel(model);
                    audit("POLICY_CREATED", created, null, form);
                } else {
                    realm.updateComponent(model);
                    audit("POLICY_UPDATED", model, existing.get(), form);
                }
                return Response.seeOther(URI.create(frame.getPortalUrl() + "/policies?saved=" + (id == null ? "created"
                        : "updated"))).header("Cache-Control", "no-store").build();
            } catch (ComponentValidationException e) {
                violations = Arrays.stream(e.getMessage().split("; ")).map(PolicyPages::violation).toList();
            } catch (ModelDuplicateException e) {
                violations = List.of(Violation.of("name", "a policy of this name exists"));
            }
        }
        session.getTransactionManager().setRollbackOnly();
        return pages.page(PortalPages.POLICY, new PolicyEdit(frame, id, read.typed().get("name"),
                form.typed(read.typed()), violations, csrf), 400, user);
    }

    Response delete(String id) {
        Optional<ComponentModel> existing = component(id);
        if (existing.isEmpty()) {
            return pages.error(404, "elevatePortalNoPolicy", null, user, frame.getPortalUrl());
        }
        realm.removeComponent(existing.get());
        audit("POLICY_DELETED", null, existing.get(), form());
        return Response.seeOther(URI.create(frame.getPortalUrl() + "/policies?saved=deleted"))
                .header("Cache-Control", "no-store").build();
    }

    /**
     * Writes the change to the audit trail: the policy's id and name, and what changed, setting by setting
     * ({@link PolicyChanges}); {@code before} is null for a policy created, {@code after} for one deleted.
     */
    private void audit(String action, ComponentModel after, ComponentModel before, PolicyForm form) {
        ComponentModel policy = after == null ? before : after;
        String head = "{policy=" + policy.getId() + ", name=" + policy.getName() + ", changed=";
        java.util.Set<String> secrets = form.secrets();
        String changed = PolicyChanges.between(before == null ? null : before.getName(),
                before == null ? Map.of() : before.getConfig(), after == null ? null : after.getName(),
                after == null ? Map.of() : after.getConfig(), secrets, Math.max(0, 1999 - head.length()));
        ElevationStore.of(session).audit(realm).record(action, null, Actor.of(session, user), head + changed + "}",
                now);
    }

    /** "field: message", as the component factory joins them; the field is the text before the first colon. */
    private static Violation violation(String text) {
        int colon = text.indexOf(": ");
        return colon > 0 ? Violation.of(text.substring(0, colon), text.substring(colon + 2)) : Violation.of("policy", text);
    }

    private PolicyForm form() {
        ComponentFactory<?, ?> factory = (ComponentFactory<?, ?>) session.getKeycloakSessionFactory()
                .getProviderFactory(UiPageProvider.class, ElevationPolicyPageFactory.PROVIDER_ID);
        return new PolicyForm(factory.getConfigProperties());
    }

    private java.util.stream.Stream<ComponentModel> components() {
        return realm.getComponentsStream(realm.getId(), UiPageProvider.class.getName())
                .filter(c -> ElevationPolicyPageFactory.PROVIDER_ID.equals(c.getProviderId()));
    }

    private Optional<ComponentModel> component(String id) {
        return components().filter(c -> c.getId().equals(id)).findFirst();
    }
}
