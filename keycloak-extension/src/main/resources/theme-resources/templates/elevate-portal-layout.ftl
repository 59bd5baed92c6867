<#-- The elevation portal's page: the realm's login theme (its stylesheets, PatternFly 5) around a wide panel.
     No script: the portal's Content-Security-Policy allows none. -->
<#import "theme-resources.ftl" as themeResourceTags>
<#macro page title displayName="" username="" signOutUrl="">
<!DOCTYPE html>
<html class="${properties.kcHtmlClass!} elevate-portal-html" lang="${lang}">
<head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <meta name="color-scheme" content="light">
    <meta name="robots" content="noindex, nofollow">
    <title>${title} · ${realm.displayName}</title>
    <#if themeResources.favicons?has_content>
        <@themeResourceTags.renderFavicons themeResources.favicons url.resourcesPath />
    <#else>
        <link rel="icon" href="${url.resourcesPath}/img/favicon.ico">
    </#if>
    <@themeResourceTags.renderStyles themeResources.stylesCommon url.resourcesCommonPath />
    <@themeResourceTags.renderStyles themeResources.styles url.resourcesPath />
</head>
<body id="keycloak-bg" class="${properties.kcBodyClass!} elevate-portal">
<a class="elevate-portal-skip" href="#elevate-portal-main">${msg("elevatePortalSkipToContent")}</a>
<header class="elevate-portal-masthead">
    <div class="elevate-portal-brand">${realm.displayName}</div>
    <#if username?has_content>
        <nav class="elevate-portal-user" aria-label="${msg("elevatePortalAccount")}">
            <span>${msg("elevatePortalSignedInAs")} <strong id="elevate-portal-user">${displayName}</strong> (${username})</span>
            <a id="elevate-portal-sign-out" href="${signOutUrl}">${msg("elevatePortalSignOut")}</a>
        </nav>
    </#if>
</header>
<main id="elevate-portal-main" class="elevate-portal-main" tabindex="-1">
    <#nested>
</main>
</body>
</html>
</#macro>

<#-- The CSRF token every state-changing form carries. -->
<#macro csrf portal>
    <input type="hidden" name="${portal.csrfField}" value="${portal.csrf}">
</#macro>

<#-- PatternFly's select arrow. -->
<#macro selectToggle>
    <span class="pf-v5-c-form-control__utilities">
        <span class="pf-v5-c-form-control__toggle-icon">
            <svg class="pf-v5-svg" viewBox="0 0 320 512" fill="currentColor" aria-hidden="true" role="img" width="1em" height="1em"><path d="M31.3 192h257.3c17.8 0 26.7 21.5 14.1 34.1L174.1 354.8c-7.8 7.8-20.5 7.8-28.3 0L17.2 226.1C4.6 213.5 13.5 192 31.3 192z"></path></svg>
        </span>
    </span>
</#macro>

<#-- A form group: label (with a required mark) above the control, help text below. -->
<#macro field id label required=false help="">
    <div class="pf-v5-c-form__group">
        <div class="pf-v5-c-form__group-label">
            <label class="pf-v5-c-form__label" for="${id}">
                <span class="pf-v5-c-form__label-text">${label}</span><#if required>&#160;<span class="pf-v5-c-form__label-required" aria-hidden="true">&#42;</span></#if>
            </label>
        </div>
        <div class="pf-v5-c-form__group-control">
            <#nested>
            <#if help?has_content>
                <div class="pf-v5-c-form__helper-text" id="${id}-help">
                    <div class="pf-v5-c-helper-text"><div class="pf-v5-c-helper-text__item"><span class="pf-v5-c-helper-text__item-text">${help}</span></div></div>
                </div>
            </#if>
        </div>
    </div>
</#macro>
