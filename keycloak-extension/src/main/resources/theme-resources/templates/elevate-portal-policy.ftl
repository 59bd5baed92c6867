<#import "elevate-portal-layout.ftl" as layout>
<#import "elevate-portal-oversight.ftl" as o>
<#-- A policy's form, drawn from the settings the policy declares: a new setting appears here without a change. -->
<#assign title><#if page.fresh>${msg("elevatePortalPolicyNew")}<#else>${msg("elevatePortalPolicyEdit", page.name)}</#if></#assign>
<@layout.page title=title displayName=page.frame.displayName username=page.frame.username signOutUrl=page.frame.signOutUrl>
    <@o.nav frame=page.frame current="policies"/>
    <div class="elevate-portal-heading">
        <h1 class="pf-v5-c-title pf-m-2xl" id="elevate-portal-title">${title}</h1>
    </div>
    <#if page.violations?has_content>
        <div id="elevate-portal-problem" class="pf-v5-c-alert pf-m-danger pf-m-inline elevate-portal-alert" role="alert">
            <div class="pf-v5-c-alert__icon"><i class="fas fa-fw fa-exclamation-circle" aria-hidden="true"></i></div>
            <p class="pf-v5-c-alert__title">${msg("elevatePortalPolicyRefused")}</p>
            <div class="pf-v5-c-alert__description"><ul class="elevate-portal-rules"><#list page.violations as rule><li><strong>${rule.field}:</strong> ${rule.message}</li></#list></ul></div>
        </div>
    </#if>
    <section class="pf-v5-c-card elevate-portal-card" id="elevate-portal-policy">
        <div class="pf-v5-c-card__body">
            <form id="elevate-portal-policy-form" class="pf-v5-c-form elevate-portal-form" method="post" action="${page.action}">
                <input type="hidden" name="${page.csrfField}" value="${page.csrf}">
                <@layout.field id="policy-name" label=msg("elevatePortalPolicyName") required=true>
                    <span class="pf-v5-c-form-control"><input type="text" id="policy-name" name="name" maxlength="255" required value="${page.name}"></span>
                </@layout.field>
                <#list page.fields as f>
                    <#if f.kind == "checkbox">
                        <div class="pf-v5-c-form__group">
                            <div class="pf-v5-c-check">
                                <input class="pf-v5-c-check__input" type="checkbox" id="${f.id}" name="${f.name}" value="true"<#if f.checked> checked</#if>>
                                <label class="pf-v5-c-check__label" for="${f.id}">${f.label}</label>
                                <#if f.help?has_content><span class="pf-v5-c-check__description">${f.help}</span></#if>
                            </div>
                        </div>
                    <#else>
                        <@layout.field id=f.id label=f.label required=f.required help=(f.help!"")>
                            <#if f.kind == "select">
                                <span class="pf-v5-c-form-control">
                                    <select id="${f.id}" name="${f.name}">
                                        <#if !f.required><option value="">–</option></#if>
                                        <#list f.options as option><option value="${option}"<#if f.value == option> selected</#if>>${option}</option></#list>
                                    </select>
                                    <@layout.selectToggle/>
                                </span>
                            <#elseif f.kind == "lines" || f.kind == "pairs">
                                <span class="pf-v5-c-form-control pf-m-textarea pf-m-resize-vertical">
                                    <textarea id="${f.id}" name="${f.name}" rows="3" aria-describedby="${f.id}-help ${f.id}-format">${f.value}</textarea>
                                </span>
                                <span class="elevate-portal-hint" id="${f.id}-format"><#if f.kind == "pairs">${msg("elevatePortalPolicyPairs")}<#else>${msg("elevatePortalPolicyLines")}</#if></span>
                            <#elseif f.kind == "textarea">
                                <span class="pf-v5-c-form-control pf-m-textarea pf-m-resize-vertical">
                                    <textarea id="${f.id}" name="${f.name}" rows="8" spellcheck="false" aria-describedby="${f.id}-help">${f.value}</textarea>
                                </span>
                            <#elseif f.kind == "number">
                                <span class="pf-v5-c-form-control"><input type="number" step="1" inputmode="numeric" id="${f.id}" name="${f.name}" value="${f.value}"<#if f.required> required</#if>></span>
                            <#else>
                                <span class="pf-v5-c-form-control"><input type="text" id="${f.id}" name="${f.name}" value="${f.value}"<#if f.required> required</#if>></span>
                            </#if>
                        </@layout.field>
                    </#if>
                </#list>
                <div class="pf-v5-c-form__group pf-m-action">
                    <div class="pf-v5-c-form__actions">
                        <button type="submit" id="elevate-portal-policy-save" class="pf-v5-c-button pf-m-primary">${msg("elevatePortalPolicySave")}</button>
                        <a class="pf-v5-c-button pf-m-link" href="${page.listUrl}">${msg("elevatePortalPolicyCancel")}</a>
                    </div>
                </div>
            </form>
            <#if page.deleteAction??>
                <details class="elevate-portal-emergency" id="elevate-portal-policy-delete-details">
                    <summary>${msg("elevatePortalPolicyDelete")}…</summary>
                    <form id="elevate-portal-policy-delete" method="post" action="${page.deleteAction}">
                        <input type="hidden" name="${page.csrfField}" value="${page.csrf}">
                        <p>${msg("elevatePortalPolicyDeleteWarning")}</p>
                        <button type="submit" class="pf-v5-c-button pf-m-danger" id="elevate-portal-policy-delete-submit">${msg("elevatePortalPolicyDeleteNamed", page.name)}</button>
                    </form>
                </details>
            </#if>
        </div>
    </section>
</@layout.page>
