<#import "template.ftl" as layout>
<@layout.registrationLayout; section>
    <#if section = "header">
        ${msg("elevatePickTitle")}
    <#elseif section = "form">
        <form id="elevate-pick" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
            <fieldset class="elevate-choices">
                <legend class="elevate-lead"><#if elevateChoices?size == 1>${msg("elevatePickLeadOne")}<#else>${msg("elevatePickLead")}</#if></legend>
                <#list elevateChoices as choice>
                    <div class="elevate-choice">
                        <input type="radio" name="window" id="window-${choice.id}" value="${choice.id}" <#if choice?is_first>checked</#if>>
                        <label for="window-${choice.id}">
                            <strong><#if choice.instanceId?has_content>${choice.instanceId}<#else>${msg("elevateNoInstance")}</#if></strong>
                            <span class="elevate-role">${choice.accountId} / ${choice.roleName} (${choice.region})</span>
                            <span class="elevate-ends">${msg("elevateEndsAt", choice.endsAt, choice.minutesLeft)}</span>
                            <#if choice.justification?has_content><span class="elevate-why">${choice.justification}</span></#if>
                            <span class="elevate-tags"><#list choice.tags as key, value>${key}=${value}<#sep>, </#list></span>
                        </label>
                    </div>
                </#list>
                <#if elevateAllowAll>
                    <div class="elevate-choice">
                        <input type="radio" name="window" id="window-all" value="all">
                        <label for="window-all"><strong>${msg("elevatePickAll")}</strong></label>
                    </div>
                </#if>
            </fieldset>
            <div class="${properties.kcFormGroupClass!}">
                <button id="elevate-continue" type="submit" class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!}">${msg("elevatePickContinue")}</button>
            </div>
        </form>
    </#if>
</@layout.registrationLayout>
