package io.elevate.workflow;

import io.elevate.aws.client.ElevateAws;
import io.elevate.validation.Violation;

import org.keycloak.Config;
import org.keycloak.component.ComponentModel;
import org.keycloak.component.ComponentValidationException;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.ModelValidationException;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.services.ui.extend.UiPageProvider;
import org.keycloak.services.ui.extend.UiPageProviderFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * "Elevation policies" in the admin console (declarative UI, feature {@code declarative-ui}): list, create, edit.
 * Every save is validated, so nonsense (no tags, unknown groups, a quorum larger than the approvers) never lands.
 */
public final class ElevationPolicyPageFactory implements UiPageProviderFactory<ComponentModel> {

    public static final String PROVIDER_ID = "elevation-policies";

    @Override
    public void validateConfiguration(KeycloakSession session, RealmModel realm, ComponentModel model) {
        PolicyConfig.Result result = PolicyConfig.read(model.getId(), model.getName(), model.getConfig());
        List<Violation> violations = new ArrayList<>(result.violations());
        if (result.policy() != null) {
            violations.addAll(new PolicyGroups(session, realm).check(result.policy()));
            ElevateAws aws = session.getProvider(ElevateAws.class);
            if (result.policy().discovers() && (aws == null || !aws.enabled())) {
                violations.add(Violation.of(PolicyConfig.INSTANCE_TAGS, "AWS is not enabled on this server "
                        + "(--spi-elevate-aws--default--enabled=true), so instance tags cannot be looked up"));
            }
        }
        if (!violations.isEmpty()) {
            String message = violations.stream().map(v -> v.field() + ": " + v.message())
                    .collect(Collectors.joining("; "));
            if (importing()) {
                throw new ModelValidationException("elevation policy '" + model.getName() + "' is invalid: " + message);
            }
            // Keycloak formats the message as a java.text.MessageFormat pattern: quotes and braces (in a rule's name
            // or expression) are quoted to reach the admin as written
            throw new ComponentValidationException(message.replace("'", "''").replace("{", "'{'")
                    .replace("}", "'}'"));
        }
    }

    /**
     * Whether the policy arrives with a realm being imported (the realm import endpoint, or an import at start-up),
     * not saved in an existing realm (the components REST API, the admin console, the portal): Keycloak answers a
     * refused import with 400 and the message only for a {@link ModelValidationException}; a
     * {@link ComponentValidationException} there is a 500 that names nothing. Keycloak tells a validator nothing else
     * of where a component comes from (during an import the context's realm is already the new one), so the import
     * is recognised by Keycloak's realm import on the call stack.
     */
    static boolean importing() {
        return StackWalker.getInstance().walk(frames -> frames.anyMatch(f -> f.getMethodName().equals("importRealm")
                && f.getClassName().startsWith("org.keycloak.")));
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getHelpText() {
        return "Elevate: who may ask for privileged AWS access to a target, who approves, for how long.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return PolicyConfig.properties();
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }
}
