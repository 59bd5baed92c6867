<#import "elevate-portal-layout.ftl" as layout>
<#import "elevate-portal-oversight.ftl" as o>
<#-- The history in words, filtered by the address (a GET form, so that a filtered view can be shared). -->
<#assign f = page.filter>
<@layout.page title=msg("elevatePortalHistoryTitle") displayName=page.frame.displayName username=page.frame.username signOutUrl=page.frame.signOutUrl>
    <@o.nav frame=page.frame current="history"/>
    <div class="elevate-portal-heading">
        <h1 class="pf-v5-c-title pf-m-2xl" id="elevate-portal-title">${msg("elevatePortalHistoryTitle")}</h1>
        <p class="elevate-portal-now">${msg("elevatePortalTimesInUtc", page.frame.now)}</p>
    </div>
    <@o.violations rules=page.violations/>
    <section class="pf-v5-c-card elevate-portal-card" id="elevate-portal-history-filter" aria-labelledby="elevate-portal-filter-title">
        <div class="pf-v5-c-card__title"><h2 class="pf-v5-c-title pf-m-lg" id="elevate-portal-filter-title">${msg("elevatePortalFilterTitle")}</h2></div>
        <div class="pf-v5-c-card__body">
            <form id="elevate-portal-filter" class="pf-v5-c-form elevate-portal-filter-form" method="get" action="${page.action}">
                <div class="elevate-portal-filter-grid">
                    <@layout.field id="filter-person" label=msg("elevatePortalFilterPerson") help=msg("elevatePortalFilterPersonHelp")>
                        <span class="pf-v5-c-form-control"><input type="text" id="filter-person" name="person" maxlength="255" autocomplete="off" value="${f.person!""}"></span>
                    </@layout.field>
                    <@layout.field id="filter-target" label=msg("elevatePortalFilterTarget")>
                        <span class="pf-v5-c-form-control">
                            <select id="filter-target" name="target">
                                <option value="">${msg("elevatePortalFilterAny")}</option>
                                <#list page.targets as t><option value="${t.value}"<#if (f.target!"") == t.value> selected</#if>>${t.label}</option></#list>
                            </select>
                            <@layout.selectToggle/>
                        </span>
                    </@layout.field>
                    <@layout.field id="filter-action" label=msg("elevatePortalFilterAction")>
                        <span class="pf-v5-c-form-control">
                            <select id="filter-action" name="action">
                                <option value="">${msg("elevatePortalFilterAny")}</option>
                                <#list page.actions as a><option value="${a}"<#if (f.action!"") == a> selected</#if>>${msg("elevatePortalAction_" + a)}</option></#list>
                            </select>
                            <@layout.selectToggle/>
                        </span>
                    </@layout.field>
                    <@layout.field id="filter-from" label=msg("elevatePortalFilterFrom")>
                        <span class="pf-v5-c-form-control"><input type="date" id="filter-from" name="from" value="${f.from!""}"></span>
                    </@layout.field>
                    <@layout.field id="filter-to" label=msg("elevatePortalFilterTo")>
                        <span class="pf-v5-c-form-control"><input type="date" id="filter-to" name="to" value="${f.to!""}"></span>
                    </@layout.field>
                    <div class="pf-v5-c-form__group elevate-portal-filter-check">
                        <div class="pf-v5-c-check">
                            <input class="pf-v5-c-check__input" type="checkbox" id="filter-break-glass" name="breakGlass" value="yes"<#if f.breakGlass??> checked</#if>>
                            <label class="pf-v5-c-check__label" for="filter-break-glass">${msg("elevatePortalFilterBreakGlass")}</label>
                        </div>
                    </div>
                </div>
                <div class="pf-v5-c-form__group pf-m-action">
                    <div class="pf-v5-c-form__actions">
                        <button type="submit" id="elevate-portal-filter-submit" class="pf-v5-c-button pf-m-primary">${msg("elevatePortalFilterSubmit")}</button>
                        <a class="pf-v5-c-button pf-m-link" id="elevate-portal-filter-clear" href="${page.action}">${msg("elevatePortalFilterClear")}</a>
                    </div>
                </div>
            </form>
        </div>
    </section>
    <#if page.audit??>
        <#assign audit = page.audit>
        <section class="pf-v5-c-card elevate-portal-card" id="elevate-portal-audit" aria-labelledby="elevate-portal-audit-title">
            <div class="pf-v5-c-card__title elevate-portal-card-title-bar">
                <h2 class="pf-v5-c-title pf-m-lg" id="elevate-portal-audit-title">${msg("elevatePortalHistoryFound", audit.total)}</h2>
                <a class="pf-v5-c-button pf-m-secondary" id="elevate-portal-audit-csv" href="${audit.csvUrl}" download>${msg("elevatePortalAuditCsvFiltered", audit.csvMax)}</a>
            </div>
            <div class="pf-v5-c-card__body">
            <#if (audit.total > audit.csvMax)><p class="elevate-portal-now" id="elevate-portal-audit-csv-partial">${msg("elevatePortalAuditCsvPartial", audit.csvMax, audit.total)}</p></#if>
            <#if audit.entries?has_content>
                <@o.table entries=audit.entries/>
                <nav class="elevate-portal-pager" aria-label="${msg("elevatePortalAuditPages")}">
                    <#if audit.newerUrl??><a href="${audit.newerUrl}" id="elevate-portal-audit-newer">${msg("elevatePortalAuditNewer")}</a></#if>
                    <span>${msg("elevatePortalAuditPage", audit.page, audit.pages)}</span>
                    <#if audit.olderUrl??><a href="${audit.olderUrl}" id="elevate-portal-audit-older">${msg("elevatePortalAuditOlder")}</a></#if>
                </nav>
            <#else>
                <p class="elevate-portal-empty" id="elevate-portal-audit-none">${msg("elevatePortalHistoryNone")}</p>
            </#if>
            </div>
        </section>
    </#if>
</@layout.page>
