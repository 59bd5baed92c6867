<#-- Parts of the oversight pages (history, request, dashboard): their navigation, the history's rows in words, charts. -->

<#-- Links between the portal and the oversight pages this user may open. -->
<#macro nav frame current>
    <nav class="elevate-portal-oversight-nav" aria-label="${msg("elevatePortalOversightNav")}">
        <a href="${frame.portalUrl}" id="elevate-nav-portal"<#if current == "portal"> aria-current="page"</#if>>${msg("elevatePortalTitle")}</a>
        <#if frame.historyUrl??><a href="${frame.historyUrl}" id="elevate-nav-history"<#if current == "history"> aria-current="page"</#if>>${msg("elevatePortalHistoryTitle")}</a></#if>
        <#if frame.dashboardUrl??><a href="${frame.dashboardUrl}" id="elevate-nav-dashboard"<#if current == "dashboard"> aria-current="page"</#if>>${msg("elevatePortalDashboardTitle")}</a></#if>
        <#if frame.policiesUrl??><a href="${frame.policiesUrl}" id="elevate-nav-policies"<#if current == "policies"> aria-current="page"</#if>>${msg("elevatePortalPoliciesTitle")}</a></#if>
    </nav>
</#macro>

<#-- Problems with the address's parameters, each named. -->
<#macro violations rules>
    <#if rules?has_content>
        <div id="elevate-portal-problem" class="pf-v5-c-alert pf-m-danger pf-m-inline elevate-portal-alert" role="alert">
            <div class="pf-v5-c-alert__icon"><i class="fas fa-fw fa-exclamation-circle" aria-hidden="true"></i></div>
            <p class="pf-v5-c-alert__title">${msg("elevatePortalFilterInvalid")}</p>
            <div class="pf-v5-c-alert__description">
                <ul class="elevate-portal-rules">
                    <#list rules as rule><li><strong>${rule.field}:</strong> ${rule.message}</li></#list>
                </ul>
            </div>
        </div>
    </#if>
</#macro>

<#-- One record of the audit trail, in words. -->
<#macro story e>
    <p class="elevate-portal-audit-sentence">${msg(e.sentenceKey, e.actor, e.requester, e.target, e.action)}<#if e.breakGlass> <span class="pf-v5-c-label pf-m-red elevate-portal-break-glass-label"><span class="pf-v5-c-label__content">${msg("elevatePortalBreakGlassLabel")}</span></span></#if></p>
    <#if e.reason?has_content><p class="elevate-portal-audit-reason"><span class="elevate-portal-term">${msg("elevatePortalAuditReason")}:</span> <q>${e.reason}</q></p></#if>
    <#if e.rule?has_content><p class="elevate-portal-audit-rule"><span class="elevate-portal-term">${msg("elevatePortalAuditRule")}:</span> ${e.rule}</p></#if>
    <#if e.stage?has_content><p class="elevate-portal-audit-stage"><span class="elevate-portal-term">${msg("elevatePortalAuditStage")}:</span> ${e.stage}</p></#if>
    <#if e.approvals??><p class="elevate-portal-audit-approvals"><span class="elevate-portal-term">${msg("elevatePortalAuditApprovalsSoFar")}:</span> ${e.approvals}</p></#if>
    <#if e.fields?has_content><dl class="elevate-portal-audit-fields"><#list e.fields as f><div class="elevate-portal-audit-field" data-key="${f.key}"><dt class="elevate-portal-term">${msg("elevatePortalDetail_" + f.key)}:</dt> <dd>${f.value}</dd></div></#list></dl></#if>
    <#if e.detail?has_content><p class="elevate-portal-audit-detail"><span class="elevate-portal-term">${msg("elevatePortalAuditDetail")}:</span> <code>${e.detail}</code></p></#if>
</#macro>

<#-- The history's table: newest first. -->
<#macro table entries id="elevate-portal-audit-table">
    <table class="pf-v5-c-table pf-m-compact elevate-portal-audit-table" id="${id}">
        <caption class="pf-v5-screen-reader">${msg("elevatePortalAuditTitle")}</caption>
        <colgroup><col class="elevate-portal-col-time"><col><col class="elevate-portal-col-action"><col class="elevate-portal-col-address"><col class="elevate-portal-col-request"></colgroup>
        <thead>
            <tr>
                <th scope="col">${msg("elevatePortalAuditTime")}</th>
                <th scope="col">${msg("elevatePortalAuditWhat")}</th>
                <th scope="col">${msg("elevatePortalAuditAction")}</th>
                <th scope="col">${msg("elevatePortalAuditAddress")}</th>
                <th scope="col">${msg("elevatePortalAuditRequest")}</th>
            </tr>
        </thead>
        <tbody>
        <#list entries as e>
            <tr data-action="${e.action}">
                <td>${e.occurredAt}</td>
                <td class="elevate-portal-audit-story"><@story e=e/></td>
                <td><code>${e.action}</code></td>
                <td>${e.ipAddress!""}</td>
                <td><#if e.requestUrl??><a class="elevate-portal-request-link" href="${e.requestUrl}"><code>${e.windowId}</code></a></#if></td>
            </tr>
        </#list>
        </tbody>
    </table>
</#macro>

<#-- A bar chart drawn on the server: solid bars, the hatched part (break-glass) stacked on them, values written. -->
<#macro chart c title desc legend=false>
    <svg class="elevate-chart" id="chart-${c.id}" viewBox="0 0 ${c.width?c} ${c.height?c}" width="100%" role="img" aria-labelledby="chart-${c.id}-title chart-${c.id}-desc" xmlns="http://www.w3.org/2000/svg" font-family="sans-serif" font-size="11">
        <title id="chart-${c.id}-title">${title}</title>
        <desc id="chart-${c.id}-desc">${desc}</desc>
        <defs>
            <pattern id="hatch-${c.id}" patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)">
                <rect width="6" height="6" fill="#ffffff"/>
                <line x1="0" y1="0" x2="0" y2="6" stroke="#1f1f1f" stroke-width="3"/>
            </pattern>
        </defs>
        <#if c.vertical>
            <line x1="${c.axisX?c}" y1="${c.axisBottom?c}" x2="${c.axisRight?c}" y2="${c.axisBottom?c}" stroke="#1f1f1f"/>
            <line x1="${c.axisX?c}" y1="${c.axisTop?c}" x2="${c.axisX?c}" y2="${c.axisBottom?c}" stroke="#1f1f1f"/>
            <text x="${(c.axisX - 4)?c}" y="${(c.axisTop + 4)?c}" text-anchor="end">${c.max?c}</text>
            <text x="${(c.axisX - 4)?c}" y="${c.axisBottom?c}" text-anchor="end">0</text>
        <#else>
            <line x1="${c.axisX?c}" y1="${c.axisTop?c}" x2="${c.axisX?c}" y2="${c.axisBottom?c}" stroke="#1f1f1f"/>
        </#if>
        <#list c.bars as b>
            <g class="elevate-chart-bar">
                <title>${b.label}: ${b.value?c}<#if b.hatched gt 0> (${msg("elevatePortalBreakGlassLabel")}: ${b.hatched?c})</#if></title>
                <#if c.vertical>
                    <#if b.value gt 0><rect x="${b.x}" y="${b.y}" width="${b.width}" height="${b.height}" fill="#0066cc" stroke="#1f1f1f" stroke-width="0.5"/></#if>
                    <#if b.hatched gt 0><rect x="${b.x}" y="${b.hatchStart}" width="${b.width}" height="${b.hatchLength}" fill="url(#hatch-${c.id})" stroke="#1f1f1f" stroke-width="0.5"/></#if>
                    <#if b.value gt 0><text x="${b.valueX}" y="${b.valueY}" text-anchor="middle">${b.value?c}</text></#if>
                    <#if b.labelled><text x="${b.labelX}" y="${b.labelY}" text-anchor="middle">${b.shortLabel}</text></#if>
                <#else>
                    <#if b.label?has_content><text x="${b.labelX}" y="${b.labelY}" text-anchor="end" dominant-baseline="middle">${b.shortLabel}</text></#if>
                    <#if b.value gt 0><rect x="${b.x}" y="${b.y}" width="${b.width}" height="${b.height}" fill="#0066cc" stroke="#1f1f1f" stroke-width="0.5"/></#if>
                    <#if b.hatched gt 0><rect x="${b.hatchStart}" y="${b.y}" width="${b.hatchLength}" height="${b.height}" fill="url(#hatch-${c.id})" stroke="#1f1f1f" stroke-width="0.5"/></#if>
                    <text x="${b.valueX}" y="${b.valueY}" dominant-baseline="middle">${b.value?c}</text>
                </#if>
            </g>
        </#list>
    </svg>
    <#if legend>
        <p class="elevate-chart-legend">
            <svg width="14" height="14" viewBox="0 0 14 14" aria-hidden="true"><rect width="14" height="14" fill="#0066cc" stroke="#1f1f1f"/></svg> ${msg("elevatePortalChartSolid")}
            <svg width="14" height="14" viewBox="0 0 14 14" aria-hidden="true"><defs><pattern id="legend-hatch-${c.id}" patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)"><rect width="6" height="6" fill="#ffffff"/><line x1="0" y1="0" x2="0" y2="6" stroke="#1f1f1f" stroke-width="3"/></pattern></defs><rect width="14" height="14" fill="url(#legend-hatch-${c.id})" stroke="#1f1f1f"/></svg> ${msg("elevatePortalChartHatched")}
        </p>
    </#if>
</#macro>
