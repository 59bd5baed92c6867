<#import "elevate-portal-layout.ftl" as layout>
<#import "elevate-portal-oversight.ftl" as o>
<#-- The dashboard: who holds or waits for access now, and the figures of a period drawn as SVG with their tables. -->
<#macro windows lines id empty kind>
    <#if lines?has_content>
        <table class="pf-v5-c-table pf-m-compact elevate-portal-now-table" id="${id}">
            <thead><tr>
                <th scope="col">${msg("elevatePortalRequester")}</th>
                <th scope="col">${msg("elevatePortalTarget")}</th>
                <#if kind == "open"><th scope="col">${msg("elevatePortalDashboardUntil")}</th><th scope="col">${msg("elevatePortalDashboardLeft")}</th>
                <#elseif kind == "waiting"><th scope="col">${msg("elevatePortalDashboardAsked")}</th><th scope="col">${msg("elevatePortalDashboardWaiting")}</th><th scope="col">${msg("elevatePortalAuditApprovalsSoFar")}</th>
                <#else><th scope="col">${msg("elevatePortalDashboardOpened")}</th><th scope="col">${msg("elevatePortalDashboardUntil")}</th></#if>
                <th scope="col"><span class="pf-v5-screen-reader">${msg("elevatePortalAuditRequest")}</span></th>
            </tr></thead>
            <tbody>
            <#list lines as l>
                <tr data-request="${l.id}">
                    <td>${l.person}</td>
                    <td>${l.target}<#if l.breakGlass> <span class="pf-v5-c-label pf-m-red elevate-portal-break-glass-label"><span class="pf-v5-c-label__content">${msg("elevatePortalBreakGlassLabel")}</span></span></#if><#if l.autoRule??> <span class="pf-v5-c-label pf-m-blue elevate-portal-auto-rule-label"><span class="pf-v5-c-label__content">${msg("elevatePortalAutoApprovedLabel", l.autoRule)}</span></span></#if></td>
                    <#if kind == "open"><td>${l.endsAt}</td><td>${l.left}</td>
                    <#elseif kind == "waiting"><td>${l.askedAt}</td><td>${l.waited}</td><td>${l.approvals}</td>
                    <#else><td>${l.askedAt}</td><td>${l.endsAt}</td></#if>
                    <td><a href="${l.url}">${msg("elevatePortalDashboardDetails")}</a></td>
                </tr>
            </#list>
            </tbody>
        </table>
    <#else>
        <p class="elevate-portal-empty">${msg(empty)}</p>
    </#if>
</#macro>
<#-- A chart's numbers; links (one per bar, or null) lead to the history behind each row. -->
<#macro numbers c id head valueHead hatchedHead="" links=[]>
    <table class="pf-v5-c-table pf-m-compact elevate-chart-table" id="${id}">
        <thead><tr><th scope="col">${head}</th><th scope="col" class="elevate-num">${valueHead}</th><#if hatchedHead?has_content><th scope="col" class="elevate-num">${hatchedHead}</th></#if></tr></thead>
        <tbody>
        <#list c.bars as b><tr><td><#if links?has_content && links[b?index]??><a class="elevate-chart-history" href="${links[b?index]}">${b.label}</a><#else>${b.label}</#if></td><td class="elevate-num">${b.value?c}</td><#if hatchedHead?has_content><td class="elevate-num">${b.hatched?c}</td></#if></tr></#list>
        </tbody>
    </table>
</#macro>

<@layout.page title=msg("elevatePortalDashboardTitle") displayName=page.frame.displayName username=page.frame.username signOutUrl=page.frame.signOutUrl>
    <@o.nav frame=page.frame current="dashboard"/>
    <div class="elevate-portal-heading">
        <h1 class="pf-v5-c-title pf-m-2xl" id="elevate-portal-title">${msg("elevatePortalDashboardTitle")}</h1>
        <p class="elevate-portal-now">${msg("elevatePortalTimesInUtc", page.frame.now)}</p>
    </div>
    <@o.violations rules=page.violations/>
    <#if page.shown>
    <div class="elevate-portal-stack">
        <section class="pf-v5-c-card elevate-portal-card" id="dashboard-open" aria-labelledby="dashboard-open-title">
            <div class="pf-v5-c-card__title"><h2 class="pf-v5-c-title pf-m-lg" id="dashboard-open-title">${msg("elevatePortalDashboardOpen", page.openCount)}</h2></div>
            <div class="pf-v5-c-card__body"><@windows lines=page.open id="dashboard-open-table" empty="elevatePortalDashboardOpenNone" kind="open"/></div>
        </section>
        <section class="pf-v5-c-card elevate-portal-card" id="dashboard-waiting" aria-labelledby="dashboard-waiting-title">
            <div class="pf-v5-c-card__title"><h2 class="pf-v5-c-title pf-m-lg" id="dashboard-waiting-title">${msg("elevatePortalDashboardWaitingTitle", page.waitingCount)}</h2></div>
            <div class="pf-v5-c-card__body"><@windows lines=page.waiting id="dashboard-waiting-table" empty="elevatePortalDashboardWaitingNone" kind="waiting"/></div>
        </section>
        <section class="pf-v5-c-card elevate-portal-card" id="dashboard-unreviewed" aria-labelledby="dashboard-unreviewed-title">
            <div class="pf-v5-c-card__title"><h2 class="pf-v5-c-title pf-m-lg" id="dashboard-unreviewed-title">${msg("elevatePortalDashboardUnreviewed", page.unreviewedCount)}</h2></div>
            <div class="pf-v5-c-card__body"><@windows lines=page.unreviewed id="dashboard-unreviewed-table" empty="elevatePortalDashboardUnreviewedNone" kind="unreviewed"/></div>
        </section>
        <section class="pf-v5-c-card elevate-portal-card" id="dashboard-revocations" aria-labelledby="dashboard-revocations-title">
            <div class="pf-v5-c-card__title"><h2 class="pf-v5-c-title pf-m-lg" id="dashboard-revocations-title">${msg("elevatePortalDashboardRevocations", page.revocationCount)}</h2></div>
            <div class="pf-v5-c-card__body">
            <#if page.revocations?has_content>
                <table class="pf-v5-c-table pf-m-compact elevate-portal-now-table" id="dashboard-revocations-table">
                    <thead><tr><th scope="col">${msg("elevatePortalAccountRole")}</th><th scope="col">${msg("elevatePortalDashboardState")}</th><th scope="col">${msg("elevatePortalDashboardRevokedAt")}</th><th scope="col">${msg("elevatePortalDashboardNextAttempt")}</th><th scope="col">${msg("elevatePortalDashboardLastError")}</th><th scope="col"><span class="pf-v5-screen-reader">${msg("elevatePortalAuditRequest")}</span></th></tr></thead>
                    <tbody>
                    <#list page.revocations as r>
                        <tr data-request="${r.id}"><td><code>${r.role}</code></td><td data-state="${r.state}">${msg("elevatePortalRevocationState_" + r.state, r.attempts)}</td><td>${r.revokedAt}</td><td>${r.nextAttemptAt}</td><td class="elevate-portal-audit-detail">${r.lastError!"–"}</td><td><a href="${r.url}">${msg("elevatePortalDashboardDetails")}</a></td></tr>
                    </#list>
                    </tbody>
                </table>
            <#else>
                <p class="elevate-portal-empty">${msg("elevatePortalDashboardRevocationsNone")}</p>
            </#if>
            </div>
        </section>
    </div>

    <section class="pf-v5-c-card elevate-portal-card" id="dashboard-period" aria-labelledby="dashboard-period-title">
        <div class="pf-v5-c-card__title elevate-portal-card-title-bar">
            <h2 class="pf-v5-c-title pf-m-lg" id="dashboard-period-title">${msg("elevatePortalDashboardPeriod", page.periodFrom, page.periodTo)}</h2>
            <form id="dashboard-period-form" class="elevate-portal-period-form" method="get" action="${page.action}">
                <label for="period-from">${msg("elevatePortalFilterFrom")}</label>
                <span class="pf-v5-c-form-control"><input type="date" id="period-from" name="from" value="${page.from!""}"></span>
                <label for="period-to">${msg("elevatePortalFilterTo")}</label>
                <span class="pf-v5-c-form-control"><input type="date" id="period-to" name="to" value="${page.to!""}"></span>
                <button type="submit" id="dashboard-period-submit" class="pf-v5-c-button pf-m-secondary">${msg("elevatePortalDashboardShow")}</button>
            </form>
        </div>
        <div class="pf-v5-c-card__body">
            <ul class="elevate-portal-figures" id="dashboard-summary">
                <li><strong>${page.elevations?c}</strong> ${msg("elevatePortalDashboardElevations")}</li>
                <li><strong>${page.breakGlass?c}</strong> ${msg("elevatePortalDashboardBreakGlassCount")}<#if page.breakGlassPercent??> (${page.breakGlassPercent} %)</#if></li>
                <li><strong>${page.decided?c}</strong> ${msg("elevatePortalDashboardDecided")}<#if page.averageLatency??>, ${msg("elevatePortalDashboardAverage", page.averageLatency)}</#if></li>
            </ul>

            <div class="elevate-chart-pair" id="dashboard-per-day">
                <figure class="elevate-chart-figure">
                    <figcaption><h3 class="pf-v5-c-title pf-m-md">${msg("elevatePortalChartPerDay")}</h3></figcaption>
                    <@o.chart c=page.perDayChart title=msg("elevatePortalChartPerDay") desc=msg("elevatePortalChartPerDayDesc") legend=true/>
                </figure>
                <div class="elevate-chart-numbers"><@numbers c=page.perDayChart id="dashboard-per-day-table" head=msg("elevatePortalChartDay") valueHead=msg("elevatePortalDashboardElevations") hatchedHead=msg("elevatePortalBreakGlassLabel") links=page.perDayLinks/></div>
            </div>
            <div class="elevate-chart-pair" id="dashboard-share">
                <figure class="elevate-chart-figure">
                    <figcaption><h3 class="pf-v5-c-title pf-m-md">${msg("elevatePortalChartShare")}</h3></figcaption>
                    <@o.chart c=page.shareChart title=msg("elevatePortalChartShare") desc=msg("elevatePortalChartShareDesc", page.breakGlass, page.elevations) legend=true/>
                </figure>
                <div class="elevate-chart-numbers">
                    <table class="pf-v5-c-table pf-m-compact elevate-chart-table" id="dashboard-share-table">
                        <tbody>
                            <tr><th scope="row">${msg("elevatePortalChartSolid")}</th><td class="elevate-num">${page.requested?c}</td></tr>
                            <tr><th scope="row">${msg("elevatePortalChartHatched")}</th><td class="elevate-num">${page.breakGlass?c}</td></tr>
                            <tr><th scope="row">${msg("elevatePortalDashboardShare")}</th><td class="elevate-num">${page.breakGlassPercent!"–"}<#if page.breakGlassPercent??> %</#if></td></tr>
                        </tbody>
                    </table>
                </div>
            </div>
            <div class="elevate-chart-pair" id="dashboard-per-target">
                <figure class="elevate-chart-figure">
                    <figcaption><h3 class="pf-v5-c-title pf-m-md">${msg("elevatePortalChartPerTarget")}</h3></figcaption>
                    <#if page.perTargetChart.bars?has_content><@o.chart c=page.perTargetChart title=msg("elevatePortalChartPerTarget") desc=msg("elevatePortalChartTopDesc")/><#else><p class="elevate-portal-empty">${msg("elevatePortalChartEmpty")}</p></#if>
                </figure>
                <div class="elevate-chart-numbers"><@numbers c=page.perTargetChart id="dashboard-per-target-table" head=msg("elevatePortalTarget") valueHead=msg("elevatePortalDashboardElevations") links=page.perTargetLinks/></div>
            </div>
            <div class="elevate-chart-pair" id="dashboard-per-person">
                <figure class="elevate-chart-figure">
                    <figcaption><h3 class="pf-v5-c-title pf-m-md">${msg("elevatePortalChartPerPerson")}</h3></figcaption>
                    <#if page.perPersonChart.bars?has_content><@o.chart c=page.perPersonChart title=msg("elevatePortalChartPerPerson") desc=msg("elevatePortalChartTopDesc")/><#else><p class="elevate-portal-empty">${msg("elevatePortalChartEmpty")}</p></#if>
                </figure>
                <div class="elevate-chart-numbers"><@numbers c=page.perPersonChart id="dashboard-per-person-table" head=msg("elevatePortalRequester") valueHead=msg("elevatePortalDashboardElevations") links=page.perPersonLinks/></div>
            </div>
            <div class="elevate-chart-pair" id="dashboard-latency">
                <figure class="elevate-chart-figure">
                    <figcaption><h3 class="pf-v5-c-title pf-m-md">${msg("elevatePortalChartLatency")}</h3></figcaption>
                    <@o.chart c=page.latencyChart title=msg("elevatePortalChartLatency") desc=msg("elevatePortalChartLatencyDesc")/>
                </figure>
                <div class="elevate-chart-numbers"><@numbers c=page.latencyChart id="dashboard-latency-table" head=msg("elevatePortalChartWaited") valueHead=msg("elevatePortalChartRequests")/></div>
            </div>
        </div>
    </section>
    </#if>
</@layout.page>
