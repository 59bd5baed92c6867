package io.elevate.persistence;

import io.elevate.audit.AuditRecordEntity;
import io.elevate.breakglass.OsCredentialEntity;
import io.elevate.notify.NoticeEntity;
import io.elevate.revoke.RevocationEntity;
import io.elevate.window.ApprovalEntity;
import io.elevate.window.ElevationWindowEntity;

import org.keycloak.Config;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProvider;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;

import java.util.List;

/**
 * Registers Elevate's entities with Keycloak's persistence unit; Liquibase migrates their tables on start.
 * Keycloak names the changelog table after this id ({@code DATABASECHANGELOG_ELEVATE}).
 */
public final class ElevateJpaEntityProviderFactory implements JpaEntityProviderFactory, JpaEntityProvider {

    public static final String PROVIDER_ID = "elevate";

    @Override
    public List<Class<?>> getEntities() {
        return List.of(ElevationWindowEntity.class, ApprovalEntity.class, AuditRecordEntity.class,
                RevocationEntity.class, OsCredentialEntity.class, NoticeEntity.class);
    }

    @Override
    public String getChangelogLocation() {
        return "META-INF/elevate-changelog-master.xml";
    }

    @Override
    public String getFactoryId() {
        return PROVIDER_ID;
    }

    @Override
    public JpaEntityProvider create(KeycloakSession session) {
        return this;
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public void close() {
    }
}
