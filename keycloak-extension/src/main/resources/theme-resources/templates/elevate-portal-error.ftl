<#import "elevate-portal-layout.ftl" as layout>
<#-- Why the portal did nothing (a refused form, a sign-in that did not come back right) and where to go next. -->
<@layout.page title=msg(elevateMessage + "Title")>
    <section class="pf-v5-c-card elevate-portal-card elevate-portal-error" id="elevate-portal-error" role="alert">
        <div class="pf-v5-c-card__title"><h1 class="pf-v5-c-title pf-m-xl" id="elevate-portal-error-title">${msg(elevateMessage + "Title")}</h1></div>
        <div class="pf-v5-c-card__body">
            <p id="elevate-portal-error-message" class="elevate-portal-lead">${msg(elevateMessage)}</p>
            <#if elevateDetail?has_content><p><code id="elevate-portal-error-detail">${elevateDetail}</code></p></#if>
            <p id="elevate-portal-error-next">${msg(elevateMessage + "Next")}</p>
            <p><a class="pf-v5-c-button pf-m-primary" id="elevate-portal-back" href="${portalUrl}">${msg("elevatePortalBack")}</a></p>
        </div>
    </section>
</@layout.page>
