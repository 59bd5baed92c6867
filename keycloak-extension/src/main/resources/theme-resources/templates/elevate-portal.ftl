<#import "elevate-portal-layout.ftl" as layout>
<#import "elevate-portal-oversight.ftl" as o>
<#-- A user's elevation portal: ask (operators), decide (approvers), read the history (auditors). -->
<#macro instance item><#if item.instanceId??>${item.instanceId}<#else>${msg("elevateNoInstance")}</#if></#macro>
<#macro status item>
    <span class="pf-v5-c-label pf-m-${item.statusColor} elevate-portal-status" data-status="${item.status}"><span class="pf-v5-c-label__content">${msg("elevatePortalStatus_" + item.status)}</span></span>
    <#if item.breakGlass><span class="pf-v5-c-label pf-m-red elevate-portal-break-glass-label"><span class="pf-v5-c-label__content">${msg("elevatePortalBreakGlassLabel")}</span></span></#if>
    <#if item.roleChaining><span class="pf-v5-c-label pf-m-orange elevate-portal-role-chaining-label"><span class="pf-v5-c-label__content">${msg("elevatePortalRoleChainingLabel")}</span></span></#if>
    <#if item.runAsUser??><span class="pf-v5-c-label pf-m-orange elevate-portal-run-as-label"><span class="pf-v5-c-label__content">${msg("elevatePortalRunAsLabel", item.runAsUser)}</span></span></#if>
    <#if item.autoRule??><span class="pf-v5-c-label pf-m-blue elevate-portal-auto-rule-label"><span class="pf-v5-c-label__content">${msg("elevatePortalAutoApprovedLabel", item.autoRule)}</span></span></#if>
</#macro>
<#macro targetOptions targets chosen>
    <#list targets as t>
        <optgroup label="${t.name}">
            <#list t.options as o>
                <option value="${o.value}"<#if chosen == o.value> selected</#if>><#if o.instanceId??>${o.instanceId}<#if o.name??> · ${o.name}</#if><#if o.state??> · ${o.state}</#if><#else>${msg("elevateNoInstance")}</#if> (${t.region})</option>
            </#list>
        </optgroup>
    </#list>
</#macro>
<#macro justification item>
    <#if item.justification?has_content>
        <p class="elevate-portal-justification"><span class="elevate-portal-term">${msg("elevatePortalJustification")}:</span> <span class="elevate-portal-justification-text">${item.justification}</span></p>
    </#if>
    <#if item.ticket?has_content>
        <p class="elevate-portal-ticket"><span class="elevate-portal-term">${msg("elevatePortalTicket")}:</span> <span class="elevate-portal-ticket-text">${item.ticket}</span></p>
    </#if>
</#macro>
<#macro when item>
    <p class="elevate-portal-when">${item.startsAt} → ${item.endsAt} (${msg("elevatePortalMinutes", item.minutes)})<#if item.open> · ${msg("elevatePortalMinutesLeft", item.minutesLeft)}</#if></p>
</#macro>

<@layout.page title=msg("elevatePortalTitle") displayName=portal.displayName username=portal.username signOutUrl=portal.signOutUrl>
    <div class="elevate-portal-heading">
        <h1 class="pf-v5-c-title pf-m-2xl" id="elevate-portal-title">${msg("elevatePortalTitle")}</h1>
        <p class="elevate-portal-now">${msg("elevatePortalTimesInUtc", portal.now)}</p>
    </div>
    <#if portal.dashboardUrl??>
        <nav class="elevate-portal-oversight-nav" aria-label="${msg("elevatePortalOversightNav")}">
            <#if portal.auditor><a href="${portal.audit.historyUrl}" id="elevate-nav-history">${msg("elevatePortalHistoryTitle")}</a></#if>
            <a href="${portal.dashboardUrl}" id="elevate-nav-dashboard">${msg("elevatePortalDashboardTitle")}</a>
            <#if portal.policiesUrl??><a href="${portal.policiesUrl}" id="elevate-nav-policies">${msg("elevatePortalPoliciesTitle")}</a></#if>
        </nav>
    </#if>

    <#if portal.flash??>
        <div id="elevate-portal-flash" class="pf-v5-c-alert pf-m-success pf-m-inline elevate-portal-alert" role="status">
            <div class="pf-v5-c-alert__icon"><i class="fas fa-fw fa-check-circle" aria-hidden="true"></i></div>
            <p class="pf-v5-c-alert__title">${msg("elevatePortalFlash_" + portal.flash)}</p>
        </div>
    </#if>
    <#if portal.problem??>
        <div id="elevate-portal-problem" class="pf-v5-c-alert pf-m-danger pf-m-inline elevate-portal-alert" role="alert">
            <div class="pf-v5-c-alert__icon"><i class="fas fa-fw fa-exclamation-circle" aria-hidden="true"></i></div>
            <p class="pf-v5-c-alert__title"><#if portal.problem.invalid>${msg("elevatePortalProblemInvalid")}<#else>${portal.problem.message}</#if></p>
            <#if portal.problem.invalid>
                <div class="pf-v5-c-alert__description">
                    <ul class="elevate-portal-rules">
                        <#list portal.problem.rules as rule>
                            <li><strong><#if rule.labelKey??>${msg(rule.labelKey)}<#else>${rule.field}</#if>:</strong> ${rule.message}</li>
                        </#list>
                    </ul>
                </div>
            </#if>
        </div>
    </#if>

    <div class="elevate-portal-grid">
    <#if portal.targets?has_content || portal.breakGlassTargets?has_content>
        <section class="pf-v5-c-card elevate-portal-card" id="elevate-portal-ask" aria-labelledby="elevate-portal-ask-title">
            <div class="pf-v5-c-card__title"><h2 class="pf-v5-c-title pf-m-lg" id="elevate-portal-ask-title">${msg("elevatePortalAskTitle")}</h2></div>
            <div class="pf-v5-c-card__body">
            <#if portal.targets?has_content>
                <#assign f = portal.requestForm>
                <form id="elevate-portal-request" class="pf-v5-c-form elevate-portal-form" method="post" action="${portal.requestAction}">
                    <@layout.csrf portal=portal/>
                    <@layout.field id="request-target" label=msg("elevatePortalTarget") required=true>
                        <span class="pf-v5-c-form-control">
                            <select id="request-target" name="target" required aria-describedby="request-target-rules">
                                <@targetOptions targets=portal.targets chosen=(f.target!"")/>
                            </select>
                            <@layout.selectToggle/>
                        </span>
                        <ul class="elevate-portal-target-rules" id="request-target-rules">
                            <#list portal.targets as t>
                                <li><strong>${t.name}</strong>: ${t.roleName} @ ${t.accountId}; ${msg("elevatePortalRulesApprovals", t.approvalsRequired)}, ${msg("elevatePortalRulesMax", t.maxMinutes)}<#if t.ticketPattern??>, ${msg("elevatePortalRulesTicket")} <code>${t.ticketPattern}</code></#if><#if t.discovered>; <#if t.lookupProblem??><span class="elevate-portal-instances-problem" role="alert">${msg("elevatePortalInstancesUnavailable", t.lookupProblem)}</span><#elseif !t.options?has_content><span class="elevate-portal-no-instances">${msg("elevatePortalNoInstances")}</span><#else>${msg("elevatePortalInstancesByTags")}</#if></#if></li>
                            </#list>
                        </ul>
                    </@layout.field>
                    <@layout.field id="request-justification" label=msg("elevatePortalJustification") required=portal.justificationRequired help=msg("elevatePortalJustificationHelp")>
                        <span class="pf-v5-c-form-control pf-m-textarea pf-m-resize-vertical">
                            <textarea id="request-justification" name="justification" rows="2" maxlength="1024"<#if portal.justificationRequired> required</#if> aria-describedby="request-justification-help">${f.justification!""}</textarea>
                        </span>
                    </@layout.field>
                    <div class="elevate-portal-row elevate-portal-request-row">
                        <@layout.field id="request-ticket" label=msg("elevatePortalTicket") required=portal.ticketRequired>
                            <span class="pf-v5-c-form-control"><input type="text" id="request-ticket" name="ticket" maxlength="64" autocomplete="off"<#if portal.ticketRequired> required</#if> value="${f.ticket!""}"></span>
                        </@layout.field>
                        <@layout.field id="request-duration" label=msg("elevatePortalDuration") required=true>
                            <span class="pf-v5-c-form-control"><input type="number" id="request-duration" name="durationMinutes" min="1" step="1" inputmode="numeric" required value="<#if f.durationMinutes??>${f.durationMinutes}<#else>${portal.defaultMinutes?c}</#if>"></span>
                        </@layout.field>
                        <@layout.field id="request-start" label=msg("elevatePortalStart")>
                            <span class="pf-v5-c-form-control"><input type="datetime-local" id="request-start" name="startsAt" value="${f.startsAt!""}" aria-describedby="request-start-help"></span>
                            <span class="elevate-portal-hint" id="request-start-help">${msg("elevatePortalStartHelp")}</span>
                        </@layout.field>
                    </div>
                    <div class="pf-v5-c-form__group pf-m-action">
                        <div class="pf-v5-c-form__actions">
                            <button type="submit" id="elevate-portal-request-submit" class="pf-v5-c-button pf-m-primary">${msg("elevatePortalRequestSubmit")}</button>
                        </div>
                    </div>
                </form>
            </#if>
            <#if portal.breakGlassTargets?has_content>
                <#assign g = portal.breakGlassForm>
                <details id="elevate-portal-break-glass" class="elevate-portal-emergency"<#if g?has_content> open</#if>>
                    <summary id="elevate-portal-break-glass-summary"><i class="fas fa-exclamation-triangle" aria-hidden="true"></i> ${msg("elevatePortalBreakGlassSummary")}</summary>
                    <p class="elevate-portal-emergency-warning" id="break-glass-warning">${msg("elevatePortalBreakGlassWarning")}</p>
                    <form id="elevate-portal-break-glass-form" class="pf-v5-c-form elevate-portal-form" method="post" action="${portal.breakGlassAction}" aria-describedby="break-glass-warning">
                        <@layout.csrf portal=portal/>
                        <@layout.field id="break-glass-target" label=msg("elevatePortalTarget") required=true>
                            <span class="pf-v5-c-form-control">
                                <select id="break-glass-target" name="target" required>
                                    <@targetOptions targets=portal.breakGlassTargets chosen=(g.target!"")/>
                                </select>
                                <@layout.selectToggle/>
                            </span>
                        </@layout.field>
                        <@layout.field id="break-glass-justification" label=msg("elevatePortalJustification") required=true>
                            <span class="pf-v5-c-form-control pf-m-textarea pf-m-resize-vertical">
                                <textarea id="break-glass-justification" name="justification" rows="2" maxlength="1024" required>${g.justification!""}</textarea>
                            </span>
                        </@layout.field>
                        <div class="elevate-portal-row">
                            <@layout.field id="break-glass-ticket" label=msg("elevatePortalTicket")>
                                <span class="pf-v5-c-form-control"><input type="text" id="break-glass-ticket" name="ticket" maxlength="64" autocomplete="off" value="${g.ticket!""}"></span>
                            </@layout.field>
                            <@layout.field id="break-glass-duration" label=msg("elevatePortalDuration") required=true>
                                <span class="pf-v5-c-form-control"><input type="number" id="break-glass-duration" name="durationMinutes" min="1" step="1" inputmode="numeric" required value="${g.durationMinutes!"30"}"></span>
                            </@layout.field>
                        </div>
                        <div class="pf-v5-c-form__group pf-m-action">
                            <div class="pf-v5-c-form__actions">
                                <button type="submit" id="elevate-portal-break-glass-submit" class="pf-v5-c-button pf-m-danger">${msg("elevatePortalBreakGlassSubmit")}</button>
                            </div>
                        </div>
                    </form>
                </details>
            </#if>
            </div>
        </section>
    </#if>

    <#if portal.requester>
        <section class="pf-v5-c-card elevate-portal-card" id="elevate-portal-mine" aria-labelledby="elevate-portal-mine-title">
            <div class="pf-v5-c-card__title"><h2 class="pf-v5-c-title pf-m-lg" id="elevate-portal-mine-title">${msg("elevatePortalMineTitle")}</h2></div>
            <div class="pf-v5-c-card__body">
            <#if portal.mine?has_content>
                <ul class="elevate-portal-items">
                <#list portal.mine as r>
                    <li class="elevate-portal-item" id="mine-${r.id}" data-request="${r.id}">
                        <div class="elevate-portal-item-head">
                            <@status item=r/>
                            <strong>${r.target}</strong>
                            <span class="elevate-portal-instance"><@instance item=r/></span>
                        </div>
                        <@when item=r/>
                        <@justification item=r/>
                        <#if r.extensionMinutes??><p class="elevate-portal-note">${msg("elevatePortalExtensionPending", r.extensionMinutes)}</p></#if>
                        <#if r.decisionComment?has_content><p class="elevate-portal-note"><span class="elevate-portal-term">${msg("elevatePortalDecidedBy")} ${r.decidedBy!""}:</span> ${r.decisionComment}</p></#if>
                        <#if r.revokeReason?has_content><p class="elevate-portal-note"><span class="elevate-portal-term">${msg("elevatePortalRevokedBy")} ${r.revokedBy!""}:</span> ${r.revokeReason}</p></#if>
                        <#if r.osCredential??>
                            <div class="elevate-portal-os-credential" id="os-credential-${r.id}" data-os-credential="${r.osCredential.state}">
                                <p class="elevate-portal-note">${msg("elevatePortalOsCredential_" + r.osCredential.state, r.osCredential.user, r.osCredential.instanceId, r.osCredential.until)}</p>
                                <#if r.osCredential.showable>
                                    <form method="post" action="${r.actions}/os-credential" class="elevate-portal-inline-form" id="os-credential-form-${r.id}">
                                        <@layout.csrf portal=portal/>
                                        <button type="submit" id="show-os-credential-${r.id}" class="pf-v5-c-button pf-m-danger">${msg("elevatePortalOsCredentialShow", r.osCredential.user)}</button>
                                    </form>
                                </#if>
                            </div>
                        </#if>
                        <#if r.sessionManagerUrl?? || r.cancellable || r.extendable>
                        <div class="elevate-portal-actions">
                            <#if r.sessionManagerUrl??>
                                <a class="pf-v5-c-button pf-m-primary elevate-portal-open" id="open-${r.id}" href="${r.sessionManagerUrl}"><#if r.instanceId??>${msg("elevatePortalOpenSessionManager")}<#else>${msg("elevatePortalOpenConsole")}</#if></a>
                            </#if>
                            <#if r.cancellable>
                                <form method="post" action="${r.actions}/cancel" class="elevate-portal-inline-form">
                                    <@layout.csrf portal=portal/>
                                    <button type="submit" id="cancel-${r.id}" class="pf-v5-c-button pf-m-secondary"><#if r.status == "requested">${msg("elevatePortalCancel")}<#else>${msg("elevatePortalEndNow")}</#if></button>
                                </form>
                            </#if>
                            <#if r.extendable>
                                <details class="elevate-portal-extend">
                                    <summary class="pf-v5-c-button pf-m-link">${msg("elevatePortalExtend")}</summary>
                                    <form method="post" action="${r.actions}/extend" class="pf-v5-c-form elevate-portal-form">
                                        <@layout.csrf portal=portal/>
                                        <div class="elevate-portal-row">
                                            <@layout.field id="extend-minutes-${r.id}" label=msg("elevatePortalExtendMinutes") required=true>
                                                <span class="pf-v5-c-form-control"><input type="number" id="extend-minutes-${r.id}" name="minutes" min="1" step="1" inputmode="numeric" required value="30"></span>
                                            </@layout.field>
                                            <@layout.field id="extend-why-${r.id}" label=msg("elevatePortalExtendWhy") required=true>
                                                <span class="pf-v5-c-form-control"><input type="text" id="extend-why-${r.id}" name="justification" maxlength="1024" required></span>
                                            </@layout.field>
                                        </div>
                                        <div class="pf-v5-c-form__actions"><button type="submit" id="extend-${r.id}" class="pf-v5-c-button pf-m-secondary">${msg("elevatePortalExtendSubmit")}</button></div>
                                    </form>
                                </details>
                            </#if>
                        </div>
                        </#if>
                    </li>
                </#list>
                </ul>
            <#else>
                <p class="elevate-portal-empty">${msg("elevatePortalMineEmpty")}</p>
            </#if>
            </div>
        </section>
    </#if>

    <#if portal.waiting?has_content>
        <section class="pf-v5-c-card elevate-portal-card" id="elevate-portal-waiting" aria-labelledby="elevate-portal-waiting-title">
            <div class="pf-v5-c-card__title"><h2 class="pf-v5-c-title pf-m-lg" id="elevate-portal-waiting-title">${msg("elevatePortalWaitingTitle")} <span class="pf-v5-c-badge pf-m-read">${portal.waiting?size}</span></h2></div>
            <div class="pf-v5-c-card__body">
                <ul class="elevate-portal-items">
                <#list portal.waiting as r>
                    <li class="elevate-portal-item" id="waiting-${r.id}" data-request="${r.id}">
                        <div class="elevate-portal-item-head">
                            <strong class="elevate-portal-requester">${r.requesterName}</strong> <span class="elevate-portal-muted">(${r.requester})</span>
                            <#if r.extensionMinutes??>${msg("elevatePortalAsksMore", r.extensionMinutes)}<#else>${msg("elevatePortalAsksFor")}</#if>
                            <strong>${r.target}</strong> <span class="elevate-portal-instance"><@instance item=r/></span>
                        </div>
                        <@when item=r/>
                        <#if r.extensionMinutes??>
                            <p class="elevate-portal-justification"><span class="elevate-portal-term">${msg("elevatePortalExtendWhy")}:</span> <span class="elevate-portal-justification-text">${r.extensionJustification!""}</span></p>
                        </#if>
                        <@justification item=r/>
                        <#if r.approvalsRequired gt 1><p class="elevate-portal-note">${msg("elevatePortalApprovalsSoFar", r.approvalsThisRound, r.approvalsRequired)}</p></#if>
                        <#if r.stageNumber??><p class="elevate-portal-note elevate-portal-stage">${msg("elevatePortalStage", r.stageNumber, r.stages, r.stageName)}</p></#if>
                        <form method="post" action="${r.actions}/approve" class="elevate-portal-decide" id="decide-${r.id}">
                            <@layout.csrf portal=portal/>
                            <div class="elevate-portal-decide-comment">
                                <label class="pf-v5-c-form__label" for="comment-${r.id}"><span class="pf-v5-c-form__label-text">${msg("elevatePortalComment")}</span></label>
                                <span class="pf-v5-c-form-control"><input type="text" id="comment-${r.id}" name="comment" maxlength="1024" aria-describedby="comment-help-${r.id}"></span>
                                <span class="elevate-portal-hint" id="comment-help-${r.id}">${msg("elevatePortalCommentHelp")}</span>
                            </div>
                            <button type="submit" id="approve-${r.id}" class="pf-v5-c-button pf-m-primary">${msg("elevatePortalApprove")}</button>
                            <button type="submit" id="reject-${r.id}" class="pf-v5-c-button pf-m-danger" formaction="${r.actions}/reject">${msg("elevatePortalReject")}</button>
                        </form>
                    </li>
                </#list>
                </ul>
            </div>
        </section>
    </#if>

    <#if portal.toReview?has_content>
        <section class="pf-v5-c-card elevate-portal-card" id="elevate-portal-review" aria-labelledby="elevate-portal-review-title">
            <div class="pf-v5-c-card__title"><h2 class="pf-v5-c-title pf-m-lg" id="elevate-portal-review-title">${msg("elevatePortalReviewTitle")} <span class="pf-v5-c-badge pf-m-read">${portal.toReview?size}</span></h2></div>
            <div class="pf-v5-c-card__body">
                <ul class="elevate-portal-items">
                <#list portal.toReview as r>
                    <li class="elevate-portal-item elevate-portal-item-emergency" id="review-${r.id}" data-request="${r.id}">
                        <div class="elevate-portal-item-head">
                            <@status item=r/>
                            <strong class="elevate-portal-requester">${r.requesterName}</strong> <span class="elevate-portal-muted">(${r.requester})</span>
                            <strong>${r.target}</strong> <span class="elevate-portal-instance"><@instance item=r/></span>
                        </div>
                        <@when item=r/>
                        <@justification item=r/>
                        <form method="post" action="${r.actions}/review" class="elevate-portal-decide" id="review-form-${r.id}">
                            <@layout.csrf portal=portal/>
                            <div class="elevate-portal-decide-comment">
                                <label class="pf-v5-c-form__label" for="review-comment-${r.id}"><span class="pf-v5-c-form__label-text">${msg("elevatePortalReviewComment")}</span>&#160;<span class="pf-v5-c-form__label-required" aria-hidden="true">&#42;</span></label>
                                <span class="pf-v5-c-form-control"><input type="text" id="review-comment-${r.id}" name="comment" maxlength="1024" required></span>
                            </div>
                            <button type="submit" id="review-submit-${r.id}" class="pf-v5-c-button pf-m-secondary">${msg("elevatePortalReviewSubmit")}</button>
                        </form>
                    </li>
                </#list>
                </ul>
            </div>
        </section>
    </#if>

    <#if portal.overseen?has_content>
        <section class="pf-v5-c-card elevate-portal-card" id="elevate-portal-active" aria-labelledby="elevate-portal-active-title">
            <div class="pf-v5-c-card__title"><h2 class="pf-v5-c-title pf-m-lg" id="elevate-portal-active-title">${msg("elevatePortalActiveTitle")} <span class="pf-v5-c-badge pf-m-read">${portal.overseen?size}</span></h2></div>
            <div class="pf-v5-c-card__body">
                <ul class="elevate-portal-items">
                <#list portal.overseen as r>
                    <li class="elevate-portal-item" id="active-${r.id}" data-request="${r.id}">
                        <div class="elevate-portal-item-head">
                            <@status item=r/>
                            <strong class="elevate-portal-requester">${r.requesterName}</strong> <span class="elevate-portal-muted">(${r.requester})</span>
                            <strong>${r.target}</strong> <span class="elevate-portal-instance"><@instance item=r/></span>
                        </div>
                        <@when item=r/>
                        <@justification item=r/>
                        <form method="post" action="${r.actions}/revoke" class="elevate-portal-decide" id="revoke-form-${r.id}">
                            <@layout.csrf portal=portal/>
                            <div class="elevate-portal-decide-comment">
                                <label class="pf-v5-c-form__label" for="revoke-reason-${r.id}"><span class="pf-v5-c-form__label-text">${msg("elevatePortalRevokeReason")}</span>&#160;<span class="pf-v5-c-form__label-required" aria-hidden="true">&#42;</span></label>
                                <span class="pf-v5-c-form-control"><input type="text" id="revoke-reason-${r.id}" name="reason" maxlength="1024" required></span>
                            </div>
                            <button type="submit" id="revoke-${r.id}" class="pf-v5-c-button pf-m-danger">${msg("elevatePortalRevoke")}</button>
                        </form>
                    </li>
                </#list>
                </ul>
            </div>
        </section>
    </#if>

    <#if portal.idle>
        <section class="pf-v5-c-card elevate-portal-card" id="elevate-portal-idle">
            <div class="pf-v5-c-card__body">
                <p class="elevate-portal-empty">${msg("elevatePortalIdle")}</p>
                <p>${msg("elevatePortalIdleNext")}</p>
            </div>
        </section>
    </#if>

    <#if portal.auditor>
        <#assign audit = portal.audit>
        <section class="pf-v5-c-card elevate-portal-card elevate-portal-wide" id="elevate-portal-audit" aria-labelledby="elevate-portal-audit-title">
            <div class="pf-v5-c-card__title elevate-portal-card-title-bar">
                <h2 class="pf-v5-c-title pf-m-lg" id="elevate-portal-audit-title">${msg("elevatePortalAuditTitle")}</h2>
                <span class="elevate-portal-audit-links">
                    <a class="pf-v5-c-button pf-m-secondary" id="elevate-portal-history-link" href="${audit.historyUrl}">${msg("elevatePortalHistoryOpen")}</a>
                    <a class="pf-v5-c-button pf-m-secondary" id="elevate-portal-dashboard-link" href="${audit.dashboardUrl}">${msg("elevatePortalDashboardTitle")}</a>
                    <a class="pf-v5-c-button pf-m-secondary" id="elevate-portal-audit-csv" href="${audit.csvUrl}" download>${msg("elevatePortalAuditCsv", audit.csvMax)}</a>
                </span>
            </div>
            <div class="pf-v5-c-card__body">
            <#if audit.entries?has_content>
                <@o.table entries=audit.entries/>
                <nav class="elevate-portal-pager" aria-label="${msg("elevatePortalAuditPages")}">
                    <#if audit.newerUrl??><a href="${audit.newerUrl}" id="elevate-portal-audit-newer">${msg("elevatePortalAuditNewer")}</a></#if>
                    <span>${msg("elevatePortalAuditPage", audit.page, audit.pages)}</span>
                    <#if audit.olderUrl??><a href="${audit.olderUrl}" id="elevate-portal-audit-older">${msg("elevatePortalAuditOlder")}</a></#if>
                </nav>
            <#else>
                <p class="elevate-portal-empty">${msg("elevatePortalAuditEmpty")}</p>
            </#if>
            </div>
        </section>
    </#if>
    </div>
</@layout.page>
