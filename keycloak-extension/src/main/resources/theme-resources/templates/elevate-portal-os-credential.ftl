<#import "elevate-portal-layout.ftl" as layout>
<#-- A break-glass OS password, shown once to the user who opened the window. Never cached (Cache-Control: no-store). -->
<@layout.page title=msg("elevatePortalOsCredentialTitle")>
    <section class="pf-v5-c-card elevate-portal-card elevate-portal-os-credential-page" id="elevate-portal-os-credential" aria-labelledby="elevate-portal-os-credential-title">
        <div class="pf-v5-c-card__title"><h1 class="pf-v5-c-title pf-m-xl" id="elevate-portal-os-credential-title">${msg("elevatePortalOsCredentialTitle")}</h1></div>
        <div class="pf-v5-c-card__body">
            <p class="elevate-portal-lead">${msg("elevatePortalOsCredentialFor", osUser, instanceId)}</p>
            <p><code id="elevate-os-password" class="elevate-portal-secret" translate="no">${password}</code></p>
            <p id="elevate-portal-os-credential-once" class="elevate-portal-emergency-warning">${msg("elevatePortalOsCredentialOnce", deletedBy)}</p>
            <p><a class="pf-v5-c-button pf-m-primary" id="elevate-portal-back" href="${portalUrl}">${msg("elevatePortalBack")}</a></p>
        </div>
    </section>
</@layout.page>
