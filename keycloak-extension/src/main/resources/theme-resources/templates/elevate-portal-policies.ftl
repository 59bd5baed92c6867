<#import "elevate-portal-layout.ftl" as layout>
<#import "elevate-portal-oversight.ftl" as o>
<#-- The realm's elevation policies by name, for realm admins: target, groups, quorum and durations at a glance. -->
<#macro groups list><#if list?has_content><#list list as g><code>${g}</code><#sep>, </#list><#else>–</#if></#macro>
<@layout.page title=msg("elevatePortalPoliciesTitle") displayName=page.frame.displayName username=page.frame.username signOutUrl=page.frame.signOutUrl>
    <@o.nav frame=page.frame current="policies"/>
    <div class="elevate-portal-heading">
        <h1 class="pf-v5-c-title pf-m-2xl" id="elevate-portal-title">${msg("elevatePortalPoliciesTitle")}</h1>
        <a class="pf-v5-c-button pf-m-primary" id="elevate-portal-policy-new" href="${page.newUrl}">${msg("elevatePortalPolicyNew")}</a>
    </div>
    <#if page.flash??>
        <div id="elevate-portal-flash" class="pf-v5-c-alert pf-m-success pf-m-inline elevate-portal-alert" role="status">
            <div class="pf-v5-c-alert__icon"><i class="fas fa-fw fa-check-circle" aria-hidden="true"></i></div>
            <p class="pf-v5-c-alert__title">${msg("elevatePortalPolicySaved_" + page.flash)}</p>
        </div>
    </#if>
    <section class="pf-v5-c-card elevate-portal-card" id="elevate-portal-policies">
        <div class="pf-v5-c-card__body">
        <#if page.rows?has_content>
            <table class="pf-v5-c-table pf-m-compact elevate-portal-now-table elevate-portal-policies-table" id="elevate-portal-policies-table">
                <caption class="pf-v5-screen-reader">${msg("elevatePortalPoliciesTitle")}</caption>
                <thead><tr>
                    <th scope="col">${msg("elevatePortalPolicyName")}</th>
                    <th scope="col">${msg("elevatePortalTarget")}</th>
                    <th scope="col">${msg("elevatePortalPolicyEligible")}</th>
                    <th scope="col">${msg("elevatePortalPolicyApprovers")}</th>
                    <th scope="col" class="elevate-num">${msg("elevatePortalPolicyQuorum")}</th>
                    <th scope="col">${msg("elevatePortalPolicyDurations")}</th>
                </tr></thead>
                <tbody>
                <#list page.rows as r>
                    <tr data-policy="${r.id}">
                        <th scope="row"><a href="${r.editUrl}" class="elevate-portal-policy-name">${r.name}</a></th>
                        <#if r.valid>
                            <td>${r.target}<#if r.instances?has_content><br><small>${msg("elevatePortalPolicyInstances", r.instances?size)}</small></#if></td>
                            <td><@groups list=r.eligibleGroups/></td>
                            <td><@groups list=r.approverGroups/></td>
                            <td class="elevate-num">${r.approvalsRequired}</td>
                            <td>${msg("elevatePortalPolicyDurationText", r.maxMinutes, r.pendingExpiryMinutes)}<#if r.breakGlassGroup??><br>${msg("elevatePortalPolicyBreakGlass", r.breakGlassGroup, r.breakGlassMaxMinutes)}</#if></td>
                        <#else>
                            <td colspan="5" class="elevate-portal-policy-invalid"><strong>${msg("elevatePortalPolicyInvalid")}</strong> ${r.problem}</td>
                        </#if>
                    </tr>
                </#list>
                </tbody>
            </table>
        <#else>
            <p class="elevate-portal-empty">${msg("elevatePortalPoliciesNone")}</p>
        </#if>
        </div>
    </section>
</@layout.page>
