<#import "elevate-portal-layout.ftl" as layout>
<#import "elevate-portal-oversight.ftl" as o>
<#-- A request's own page: what was asked, and its whole life in order, each step in words. -->
<#assign item = page.item>
<@layout.page title=msg("elevatePortalRequestTitle", item.target) displayName=page.frame.displayName username=page.frame.username signOutUrl=page.frame.signOutUrl>
    <@o.nav frame=page.frame current="request"/>
    <div class="elevate-portal-heading">
        <h1 class="pf-v5-c-title pf-m-2xl" id="elevate-portal-title">${msg("elevatePortalRequestTitle", item.target)}</h1>
        <p class="elevate-portal-now">${msg("elevatePortalTimesInUtc", page.frame.now)}</p>
    </div>
    <section class="pf-v5-c-card elevate-portal-card" id="elevate-portal-request-facts" data-request="${item.id}" aria-labelledby="elevate-portal-facts-title">
        <div class="pf-v5-c-card__title elevate-portal-card-title-bar">
            <h2 class="pf-v5-c-title pf-m-lg" id="elevate-portal-facts-title">${msg("elevatePortalRequestFacts")}</h2>
            <span>
                <span class="pf-v5-c-label pf-m-${item.statusColor} elevate-portal-status" data-status="${item.status}"><span class="pf-v5-c-label__content">${msg("elevatePortalStatus_" + item.status)}</span></span>
                <#if item.breakGlass><span class="pf-v5-c-label pf-m-red elevate-portal-break-glass-label"><span class="pf-v5-c-label__content">${msg("elevatePortalBreakGlassLabel")}</span></span></#if>
            </span>
        </div>
        <div class="pf-v5-c-card__body">
            <dl class="pf-v5-c-description-list pf-m-horizontal pf-m-compact elevate-portal-facts">
                <div class="pf-v5-c-description-list__group"><dt class="pf-v5-c-description-list__term">${msg("elevatePortalRequester")}</dt><dd class="pf-v5-c-description-list__description" id="request-requester">${item.requesterName} (${item.requester})</dd></div>
                <div class="pf-v5-c-description-list__group"><dt class="pf-v5-c-description-list__term">${msg("elevatePortalTarget")}</dt><dd class="pf-v5-c-description-list__description" id="request-target">${item.target}</dd></div>
                <div class="pf-v5-c-description-list__group"><dt class="pf-v5-c-description-list__term">${msg("elevatePortalAccountRole")}</dt><dd class="pf-v5-c-description-list__description"><code>${item.roleArn}</code> (${item.region})</dd></div>
                <div class="pf-v5-c-description-list__group"><dt class="pf-v5-c-description-list__term">${msg("elevatePortalInstance")}</dt><dd class="pf-v5-c-description-list__description"><#if item.instanceId??><code>${item.instanceId}</code><#else>${msg("elevateNoInstance")}</#if></dd></div>
                <div class="pf-v5-c-description-list__group"><dt class="pf-v5-c-description-list__term">${msg("elevatePortalWindow")}</dt><dd class="pf-v5-c-description-list__description">${item.startsAt} → ${item.endsAt} (${msg("elevatePortalMinutes", item.minutes)})</dd></div>
                <#if item.justification?has_content><div class="pf-v5-c-description-list__group"><dt class="pf-v5-c-description-list__term">${msg("elevatePortalJustification")}</dt><dd class="pf-v5-c-description-list__description elevate-portal-justification-text">${item.justification}</dd></div></#if>
                <#if item.ticket?has_content><div class="pf-v5-c-description-list__group"><dt class="pf-v5-c-description-list__term">${msg("elevatePortalTicket")}</dt><dd class="pf-v5-c-description-list__description">${item.ticket}</dd></div></#if>
                <#if (item.approvalsRequired > 0)><div class="pf-v5-c-description-list__group"><dt class="pf-v5-c-description-list__term">${msg("elevatePortalAuditApprovalsSoFar")}</dt><dd class="pf-v5-c-description-list__description">${item.approvalsThisRound}/${item.approvalsRequired}<#list item.approvals as a><#if a?is_first>: </#if>${a.approverName()}<#sep>, </#list></dd></div></#if>
                <div class="pf-v5-c-description-list__group"><dt class="pf-v5-c-description-list__term">${msg("elevatePortalRequestId")}</dt><dd class="pf-v5-c-description-list__description"><code>${item.id}</code></dd></div>
            </dl>
        </div>
    </section>
    <section class="pf-v5-c-card elevate-portal-card" id="elevate-portal-life" aria-labelledby="elevate-portal-life-title">
        <div class="pf-v5-c-card__title"><h2 class="pf-v5-c-title pf-m-lg" id="elevate-portal-life-title">${msg("elevatePortalRequestLife")}</h2></div>
        <div class="pf-v5-c-card__body">
            <#if page.life?has_content>
                <ol class="elevate-portal-life" id="elevate-portal-life-steps">
                    <#list page.life as e>
                        <li data-action="${e.action}">
                            <p class="elevate-portal-life-when"><time>${e.occurredAt}</time> · <code>${e.action}</code><#if e.ipAddress?has_content> · ${e.ipAddress}</#if></p>
                            <@o.story e=e/>
                        </li>
                    </#list>
                </ol>
                <#if page.cut><p class="elevate-portal-now" id="elevate-portal-life-cut">${msg("elevatePortalRequestLifeCut", page.life?size)}</p></#if>
            <#else>
                <p class="elevate-portal-empty">${msg("elevatePortalAuditEmpty")}</p>
            </#if>
        </div>
    </section>
</@layout.page>
